#!/usr/bin/python3
"""A stand-in for Microsoft Graph and its token endpoint, for galguard's integration tests.

Test fixture, not product code; Debian's python3 standard library only. Serves one tenant:
  POST /{tenant}/oauth2/v2.0/token   client credentials (secret or RS256 client assertion)
  GET  /v1.0/users|contacts|groups   $select, $top (1..999), $filter=mailEnabled eq true, paging
  GET  /v1.0/{collection}/delta      delta rounds with @odata.deltaLink
  POST /_control                     JSON: {"faults": [...]}, {"mutate": true}, {"delta_gone": {...}}
Data: the reference pages of samples/gal.json (--sample) plus --users N generated users, N/10
contacts and N/10 groups (every second one not mail-enabled). Every request is logged as one JSON
line to --log; token requests carry the client assertion they sent.

A fault: {"match": "/v1.0/users", "nth": 2, "count": 1, "status": 429, "retry_after": "1",
"code": "TooManyRequests", "message": "...", "body": "raw body", "revoke_tokens": true}: the nth
matching request from now on (and count-1 after it) gets it. revoke_tokens alone expires every
token issued so far, so that request gets Graph's 401.
"""
import argparse
import base64
import hashlib
import json
import secrets
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit, quote

SELECTABLE = {
    "users": ["id", "displayName", "mail", "proxyAddresses", "userPrincipalName", "userType",
              "showInAddressList", "onPremisesLastSyncDateTime", "createdDateTime", "accountEnabled"],
    "contacts": ["id", "displayName", "mail", "proxyAddresses", "onPremisesLastSyncDateTime"],
    "groups": ["id", "displayName", "mail", "proxyAddresses", "mailEnabled", "groupTypes",
               "securityEnabled", "onPremisesLastSyncDateTime", "createdDateTime"],
}
ODATA_TYPE = {"users": "#microsoft.graph.user", "contacts": "#microsoft.graph.orgContact",
              "groups": "#microsoft.graph.group"}


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def x5t_of_pem(path):
    pem = open(path).read()
    body = pem.split("-----BEGIN CERTIFICATE-----")[1].split("-----END CERTIFICATE-----")[0]
    der = base64.b64decode("".join(body.split()))
    return base64.urlsafe_b64encode(hashlib.sha1(der).digest()).rstrip(b"=").decode()


def generate(n, domain):
    users, contacts, groups = [], [], []
    for i in range(n):
        has_mail = i % 50 != 49  # every 50th account has no mailbox: not in the GAL
        mail = f"user{i:06d}@{domain}" if has_mail else None
        users.append({"id": f"u-{i:06d}", "displayName": f"User {i:06d}", "mail": mail,
                      "userPrincipalName": f"user{i:06d}@{domain}", "userType": "Member",
                      "proxyAddresses": [f"SMTP:{mail}"] if mail else [],
                      "showInAddressList": None, "accountEnabled": True,
                      "onPremisesLastSyncDateTime": "2024-01-02T03:04:05Z",
                      "createdDateTime": "2020-01-01T00:00:00Z"})
    for i in range(n // 10):
        mail = f"contact{i:06d}@partner.example"
        contacts.append({"id": f"c-{i:06d}", "displayName": f"Contact {i:06d}", "mail": mail,
                         "proxyAddresses": [f"SMTP:{mail}"],
                         "onPremisesLastSyncDateTime": "2023-05-06T07:08:09Z"})
    for i in range(n // 10):
        enabled = i % 2 == 0
        mail = f"group{i:06d}@{domain}" if enabled else None
        groups.append({"id": f"g-{i:06d}", "displayName": f"Group {i:06d}", "mail": mail,
                       "mailEnabled": enabled, "securityEnabled": not enabled,
                       "groupTypes": [], "proxyAddresses": [f"SMTP:{mail}"] if mail else [],
                       "createdDateTime": "2022-02-02T02:02:02Z"})
    return {"users": users, "contacts": contacts, "groups": groups}


def load_sample(path):
    data = {"users": [], "contacts": [], "groups": []}
    pages = json.load(open(path, encoding="utf-8"))
    for page in pages if isinstance(pages, list) else [pages]:
        context = page.get("@odata.context", "")
        name = context.split("#", 1)[1].split("(", 1)[0] if "#" in context else "users"
        for item in page["value"]:
            item = {k: v for k, v in item.items() if k != "@odata.type"}
            data[name].append(item)
    return data


class State:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.data = {"users": [], "contacts": [], "groups": []}
        if args.sample:
            for name, items in load_sample(args.sample).items():
                self.data[name].extend(items)
        for name, items in generate(args.users, args.domain).items():
            self.data[name].extend(items)
        self.version = 1
        self.changes = {}  # version → {collection: [changed or removed objects]}
        self.tokens = {}  # token → expiry (epoch seconds)
        self.faults = []
        self.delta_gone = None
        self.x5t = x5t_of_pem(args.cert) if args.cert else None
        self.log = open(args.log, "a", buffering=1) if args.log else None

    def mutate(self):
        """Round 2 of the delta story: renamed, removed, added, a group no longer mail-enabled."""
        changed = {"users": [], "contacts": [], "groups": []}
        users = self.data["users"]
        for item in users:
            if item["id"] == "u-000001":
                item["displayName"] = "User 000001 (renamed)"
                changed["users"].append(item)
        removed = [u for u in users if u["id"] == "u-000002"]
        self.data["users"] = [u for u in users if u["id"] != "u-000002"]
        for item in removed:
            changed["users"].append({"id": item["id"], "@removed": {"reason": "deleted"}})
        new = {"id": "u-new-1", "displayName": "New Colleague", "mail": f"new.colleague@{self.args.domain}",
               "userPrincipalName": f"new.colleague@{self.args.domain}", "userType": "Member",
               "proxyAddresses": [f"SMTP:new.colleague@{self.args.domain}"]}
        self.data["users"].append(new)
        changed["users"].append(new)
        for item in self.data["contacts"]:
            if item["displayName"] == "Service Desk 33900":
                self.data["contacts"].remove(item)
                changed["contacts"].append({"id": item["id"], "@removed": {"reason": "deleted"}})
                break
        for item in self.data["groups"]:
            if item["id"] == "g-000000":
                item["mailEnabled"] = False
                changed["groups"].append(item)
        self.changes[self.version] = changed
        self.version += 1

    def take_fault(self, path):
        for fault in self.faults:
            if not path.startswith(fault.get("match", "")) or fault["count"] <= 0:
                continue
            fault["seen"] += 1
            if fault["seen"] >= fault.get("nth", 1):
                fault["count"] -= 1
                return fault
        return None


def graph_error(code, message):
    return {"error": {"code": code, "message": message,
                      "innerError": {"date": time.strftime("%Y-%m-%dT%H:%M:%S"),
                                     "request-id": str(uuid.uuid4()),
                                     "client-request-id": str(uuid.uuid4())}}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None

    def log_message(self, *args):
        pass

    def base(self):
        return f"http://{self.server.server_address[0]}:{self.server.server_address[1]}"

    def record(self, status, **extra):
        if self.state.log:
            split = urlsplit(self.path)
            line = {"t": time.time(), "method": self.command, "path": split.path,
                    "query": split.query, "status": status}
            line.update(extra)
            with self.state.lock:
                self.state.log.write(json.dumps(line) + "\n")

    def send(self, status, body, headers=None, **extra):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        # Logged before answering: once the client has the answer, the test may read the log.
        self.record(status, **extra)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length).decode() if length else ""

    # --- token endpoint ---------------------------------------------------------------------
    def token(self, tenant):
        form = {k: v[0] for k, v in parse_qs(self.read_body(), keep_blank_values=True).items()}
        args = self.state.args
        assertion = form.get("client_assertion")

        def refuse(status, error, description, code):
            self.send(status, {"error": error,
                               "error_description": f"AADSTS{code}: {description}\r\nTrace ID: x\r\nCorrelation ID: y",
                               "error_codes": [code], "trace_id": str(uuid.uuid4()),
                               "correlation_id": str(uuid.uuid4())},
                      assertion=assertion, auth="refused")

        if tenant != args.tenant:
            return refuse(400, "invalid_request", f"Tenant '{tenant}' not found.", 90002)
        if form.get("grant_type") != "client_credentials":
            return refuse(400, "unsupported_grant_type", "grant_type must be client_credentials", 70003)
        if form.get("scope") != self.base() + "/.default":
            return refuse(400, "invalid_scope", f"The scope '{form.get('scope')}' is not valid.", 1002012)
        if form.get("client_id") != args.client_id:
            return refuse(400, "unauthorized_client", f"Application '{form.get('client_id')}' was not found.", 700016)
        if assertion is not None:
            if form.get("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer":
                return refuse(400, "invalid_request", "bad client_assertion_type", 50027)
            try:
                head, claims, _ = assertion.split(".")
                head = json.loads(b64url_decode(head))
                claims = json.loads(b64url_decode(claims))
            except Exception:
                return refuse(400, "invalid_request", "Invalid JWT.", 50027)
            now = time.time()
            problems = []
            if head.get("alg") != "RS256": problems.append("alg")
            if not head.get("x5t") or head.get("x5t") != self.state.x5t: problems.append("x5t")
            if claims.get("aud") != f"{self.base()}/{tenant}/oauth2/v2.0/token": problems.append("aud")
            if claims.get("iss") != args.client_id or claims.get("sub") != args.client_id:
                problems.append("iss/sub")
            if not isinstance(claims.get("exp"), int) or claims["exp"] <= now: problems.append("exp")
            if isinstance(claims.get("nbf"), int) and claims["nbf"] > now + 300: problems.append("nbf")
            if not claims.get("jti"): problems.append("jti")
            if problems:
                return refuse(401, "invalid_client", "Client assertion failed: " + ",".join(problems), 700027)
            auth = "assertion"
        elif form.get("client_secret") == args.secret:
            auth = "secret"
        else:
            return refuse(401, "invalid_client", "Invalid client secret provided.", 7000215)
        token = "tok-" + secrets.token_hex(16)
        with self.state.lock:
            self.state.tokens[token] = time.time() + args.token_lifetime
        self.send(200, {"token_type": "Bearer", "expires_in": args.token_lifetime,
                        "ext_expires_in": args.token_lifetime, "access_token": token},
                  assertion=assertion, auth=auth)

    # --- Graph ------------------------------------------------------------------------------
    def do_POST(self):
        path = urlsplit(self.path).path
        if path == "/_control":
            command = json.loads(self.read_body() or "{}")
            with self.state.lock:
                for fault in command.get("faults", []):
                    fault.setdefault("count", 1)
                    fault["seen"] = 0
                    self.state.faults.append(fault)
                if command.get("clear_faults"):
                    self.state.faults = []
                if command.get("mutate"):
                    self.state.mutate()
                if "delta_gone" in command:
                    self.state.delta_gone = command["delta_gone"]
            return self.send(200, {"ok": True})
        parts = path.strip("/").split("/")
        if len(parts) == 4 and parts[1:] == ["oauth2", "v2.0", "token"]:
            fault = self.fault(path)
            if fault:
                return self.apply_fault(fault)
            return self.token(parts[0])
        self.send(404, graph_error("Request_ResourceNotFound", "no such endpoint"))

    def fault(self, path):
        with self.state.lock:
            fault = self.state.take_fault(path)
            if fault and fault.get("revoke_tokens"):
                self.state.tokens.clear()
                if "status" not in fault:
                    return None
            return fault

    def apply_fault(self, fault):
        headers = {}
        if "retry_after" in fault:
            headers["Retry-After"] = str(fault["retry_after"])
        if "body" in fault:
            return self.send(fault.get("status", 200), fault["body"].encode(), headers, fault=True)
        self.send(fault["status"], graph_error(fault.get("code", "Error"), fault.get("message", "injected")),
                  headers, fault=True)

    def do_GET(self):
        split = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(split.query, keep_blank_values=True).items()}
        fault = self.fault(split.path)
        if fault:
            return self.apply_fault(fault)
        token = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
        with self.state.lock:
            expiry = self.state.tokens.get(token)
        if expiry is None or expiry < time.time():
            return self.send(401, graph_error("InvalidAuthenticationToken",
                                              "Access token has expired or is not yet valid."),
                             {"WWW-Authenticate": 'Bearer realm=""'})
        parts = split.path.strip("/").split("/")
        if len(parts) < 2 or parts[0] != "v1.0" or parts[1] not in SELECTABLE:
            return self.send(404, graph_error("Request_ResourceNotFound", f"Resource '{split.path}' does not exist."))
        name = parts[1]
        delta = len(parts) == 3 and parts[2] == "delta"
        if len(parts) > 2 and not delta:
            return self.send(404, graph_error("Request_ResourceNotFound", "no such resource"))
        if delta:
            return self.delta(name, query)
        self.list(name, query)

    def selected(self, name, query):
        select = query.get("$select")
        fields = select.split(",") if select else ["id", "displayName", "mail", "userPrincipalName"]
        for field in fields:
            if field not in SELECTABLE[name]:
                return None, field
        return fields, None

    def project(self, item, fields):
        if "@removed" in item:
            return item
        return {f: item.get(f) for f in (["id"] + [f for f in fields if f != "id"])}

    def page(self, name, query, items, fields, path, extra_link):
        top = query.get("$top", "100" if not path.endswith("delta") else "200")
        if not top.isdigit() or not 1 <= int(top) <= 999:
            return self.send(400, graph_error("Request_UnsupportedQuery",
                                              f"Invalid page size specified: '{top}'. Must be between 1 and 999 inclusive."))
        top = int(top)
        offset = int(query.get("$skiptoken", "0"))
        chunk = items[offset:offset + top]
        body = {"@odata.context": f"{self.base()}/v1.0/$metadata#{name}({','.join(fields)})",
                "value": [self.project(i, fields) for i in chunk]}
        if offset + top < len(items):
            keep = {k: v for k, v in query.items() if k not in ("$skiptoken",)}
            keep["$skiptoken"] = str(offset + top)
            body["@odata.nextLink"] = self.base() + path + "?" + "&".join(
                f"{k}={quote(v, safe='')}" for k, v in keep.items())
        elif extra_link:
            body["@odata.deltaLink"] = extra_link
        self.send(200, body, entries=len(chunk))

    def list(self, name, query):
        fields, bad = self.selected(name, query)
        if bad:
            return self.send(400, graph_error("Request_BadRequest", f"Could not find a property named '{bad}'."))
        items = self.state.data[name]
        flt = query.get("$filter")
        if flt is not None:
            if name != "groups" or flt != "mailEnabled eq true":
                return self.send(400, graph_error("Request_UnsupportedQuery", f"Unsupported filter: {flt}"))
            items = [g for g in items if g.get("mailEnabled")]
        self.page(name, query, list(items), fields, f"/v1.0/{name}", None)

    def delta(self, name, query):
        path = f"/v1.0/{name}/delta"
        token = query.get("$deltatoken")
        with self.state.lock:
            gone = self.state.delta_gone
            if token is None:
                items = list(self.state.data[name])
            else:
                since, _, select = token.partition("~")
                items = []
                for version in range(int(since), self.state.version):
                    items.extend(self.state.changes.get(version, {}).get(name, []))
            version = self.state.version
        if token is not None and gone:
            return self.send(gone.get("status", 410),
                             graph_error(gone.get("code", "resyncRequired"), "The delta token is no longer valid."))
        fields, bad = self.selected(name, query if token is None else {"$select": select})
        if bad:
            return self.send(400, graph_error("Request_BadRequest", f"Could not find a property named '{bad}'."))
        # The deltaLink carries the round's version and $select, as Graph's opaque token does.
        link = f"{self.base()}{path}?$deltatoken={quote(str(version) + '~' + ','.join(fields), safe='')}"
        self.page(name, query, items, fields, path, link)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log")
    parser.add_argument("--tenant", default="skarholmen.example")
    parser.add_argument("--domain", default="skarholmen.example")
    parser.add_argument("--client-id", default="11111111-2222-3333-4444-555555555555")
    parser.add_argument("--secret", default="s3cret")
    parser.add_argument("--cert", help="PEM certificate whose x5t client assertions must carry")
    parser.add_argument("--token-lifetime", type=int, default=3599)
    parser.add_argument("--sample", help="samples/gal.json")
    parser.add_argument("--users", type=int, default=0)
    args = parser.parse_args()
    Handler.state = State(args)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
