#!/usr/bin/env python3
"""Writes samples/messages/06-attachments-to-student-tenant.eml: the reference incident again,
this time with the personal data in attachments (a spreadsheet whose personnummer column Excel
stored as numbers, a PDF, a scanned form as an image). Standard library only; run from the
project root. The output is committed; run again only to change it."""
import base64
import email.utils
import io
import zipfile


def xlsx(rows):
    """A minimal .xlsx: inline strings for text, numbers as numbers (as Excel stores them)."""
    def cell(ref, value):
        if isinstance(value, int):
            return f'<c r="{ref}"><v>{value}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    sheet_rows = ''.join(
        f'<row r="{i + 1}">' + ''.join(cell(f'{"AB"[j]}{i + 1}', v) for j, v in enumerate(row)) + '</row>'
        for i, row in enumerate(rows))
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    parts = {
        '[Content_Types].xml':
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        'xl/workbook.xml':
            f'<?xml version="1.0" encoding="UTF-8"?><workbook {ns} {rel}><sheets><sheet name="7B" sheetId="1" r:id="rId1"/></sheets></workbook>',
        'xl/_rels/workbook.xml.rels':
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        'xl/worksheets/sheet1.xml':
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}><sheetData>{sheet_rows}</sheetData></worksheet>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(zipfile.ZipInfo(name, (2024, 3, 1, 8, 0, 0)), text)
    return out.getvalue()


def pdf(lines):
    """A one-page PDF in Helvetica (WinAnsi), with a correct xref table."""
    text = ''.join(f'({l}) Tj T* ' for l in lines)
    stream = f'BT /F1 11 Tf 14 TL 72 760 Td {text}ET'.encode('cp1252')
    objects = [
        b'<< /Type /Catalog /Pages 2 0 R >>',
        b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R '
        b'/Resources << /Font << /F1 5 0 R >> >> >>',
        b'<< /Length %d >>\nstream\n' % len(stream) + stream + b'\nendstream',
        b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    ]
    out = bytearray(b'%PDF-1.4\n')
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b'%d 0 obj\n' % i + body + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objects) + 1)
    for offset in offsets:
        out += b'%010d 00000 n \n' % offset
    out += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objects) + 1, xref)
    return bytes(out)


def part(content_type, name, data):
    wrapped = '\r\n'.join(base64.b64encode(data).decode()[i:i + 76]
                          for i in range(0, len(base64.b64encode(data)), 76))
    return (f'Content-Type: {content_type}; name="{name}"\r\n'
            f'Content-Disposition: attachment; filename="{name}"\r\n'
            f'Content-Transfer-Encoding: base64\r\n\r\n{wrapped}\r\n')


# Swedish personnummer as Excel keeps a column of them typed as numbers: YYMMDDNNNN without dash.
sheet = xlsx([['Namn', 'Personnummer'], ['Tolvan Tolvansson', 1212121212],
              ['Elev Exempelsson', 8005171239], ['Anna Andersson', 6408233234]])
report = pdf(['Åtgärdsprogram, elev i klass 7B', 'Personnummer: 19800517-1239',
              'Diagnos: ADHD, läkarintyg bifogas till elevhälsan.'])
scan = b'\x89PNG\r\n\x1a\n' + b'\x00' * 32

body = ('Hej,\r\n\r\nHär kommer elevlistan och åtgärdsprogrammet för 7B inför konferensen.\r\n'
        '\r\nHälsningar\r\nIT-samordnare, Skärholmens stadsdelsförvaltning\r\n')
message = (
    'From: =?utf-8?q?IT-samordnare_Sk=C3=A4rholmen?= <it.skarholmen@stockholm.se>\r\n'
    'To: Service Desk 33900 <m.exempel@elevstockholm.onmicrosoft.com>\r\n'
    'Subject: =?utf-8?q?Elevlista_7B_och_=C3=A5tg=C3=A4rdsprogram?=\r\n'
    'Date: Tue, 23 Mar 2021 14:05:00 +0100\r\n'
    'Message-ID: <20210323140500.6@stockholm.se>\r\n'
    'MIME-Version: 1.0\r\n'
    'Content-Type: multipart/mixed; boundary="bilagor"\r\n\r\n'
    '--bilagor\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'
    + body +
    '--bilagor\r\n' + part('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
                           'Elevlista 7B.xlsx', sheet) +
    '--bilagor\r\n' + part('application/pdf', 'Åtgärdsprogram.pdf', report) +
    '--bilagor\r\n' + part('image/png', 'Skannad blankett.png', scan) +
    '--bilagor--\r\n')
with open('samples/messages/06-attachments-to-student-tenant.eml', 'wb') as f:
    f.write(message.encode('utf-8'))
