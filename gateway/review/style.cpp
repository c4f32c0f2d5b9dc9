#include "gateway/review/style.hpp"

namespace galguard::review {

std::string_view stylesheet() {
  return R"CSS(*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2327;background:#f6f7f7}
header{background:#1d3557;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:center}
header a{color:#fff;text-decoration:none;font-weight:600}
header a:hover,header a:focus{text-decoration:underline}
header .who{margin-left:auto;font-size:.9rem;opacity:.9}
header form{margin:0}
header button{background:transparent;color:#fff;border:1px solid #fff8;padding:.2rem .6rem}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
table{border-collapse:collapse;width:100%;background:#fff;margin-bottom:1rem}
th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid #dcdcde;overflow-wrap:anywhere}
th{background:#f0f0f1;font-weight:600}
dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;background:#fff;padding:.75rem;margin:0 0 1rem}
dl.fields dt{font-weight:600}
dl.fields dd{margin:0;overflow-wrap:anywhere}
pre.body,pre.headers{background:#fff;border:1px solid #dcdcde;padding:.75rem;white-space:pre-wrap;overflow-wrap:anywhere;max-height:40rem;overflow:auto}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin-bottom:1rem}
form.filters label{display:flex;flex-direction:column;font-size:.85rem}
form.edit label{display:block;font-weight:600;margin-top:.75rem}
form.edit input[type=text],form.edit textarea,form.edit select{width:100%}
input,select,textarea,button{font:inherit;padding:.35rem .5rem;border:1px solid #8c8f94;border-radius:3px}
textarea{width:100%;min-height:4rem}
button{background:#2271b1;color:#fff;border-color:#2271b1;cursor:pointer}
button.danger{background:#b32d2e;border-color:#b32d2e}
button.secondary{background:#fff;color:#2271b1}
.actions{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem;margin:1rem 0}
.actions form{background:#fff;padding:.75rem;border:1px solid #dcdcde}
.flash{background:#edfaef;border-left:4px solid #00a32a;padding:.5rem .75rem;margin-bottom:1rem}
.error{background:#fcf0f1;border-left:4px solid #d63638;padding:.5rem .75rem;margin-bottom:1rem}
.notice{background:#fcf9e8;border-left:4px solid #dba617;padding:.5rem .75rem;margin-bottom:1rem}
.urgent,.overdue{color:#b32d2e;font-weight:700}
.counts{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 1rem;padding:0;list-style:none}
.counts li{background:#fff;border:1px solid #dcdcde;padding:.25rem .6rem}
.state-held{color:#996800;font-weight:600}
.chart{background:#fff;border:1px solid #dcdcde;padding:.5rem;margin-bottom:1rem}
.chart svg{width:100%;height:8rem;display:block}
.chart .bar{fill:#2271b1}
.chart .axis{stroke:#8c8f94;stroke-width:1}
.chart text{font-size:10px;fill:#50575e}
.login{max-width:24rem;margin:3rem auto;background:#fff;padding:1.5rem;border:1px solid #dcdcde}
.login label{display:block;margin-top:.75rem;font-weight:600}
.login input{width:100%}
.login button{margin-top:1rem;width:100%}
.muted{color:#646970;font-size:.9rem}
@media (max-width:40rem){
 main{padding:.5rem}
 table.stack thead{display:none}
 table.stack tr{display:block;border-bottom:2px solid #dcdcde;padding:.25rem 0}
 table.stack td{display:block;border:0;padding:.15rem .5rem}
 table.stack td[data-label]::before{content:attr(data-label) ": ";font-weight:600}
 dl.fields{grid-template-columns:1fr}
}
)CSS";
}

}  // namespace galguard::review
