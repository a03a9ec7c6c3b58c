// NGINX njs JWT verifier for the generality test (js_set; njs 0.7, not Node), the way NGINX open source checks
// bearer tokens without NGINX Plus's auth_jwt: `js_set $gp_jwt_ok jwt.verify` yields "1" for an HS256 token
// signed with the stage's secret, not expired, of the stage's issuer and audience, else "0". The gateway's
// location sets $gp_stage; the stages' keys come from stages.js (written by the test), where a planted defect
// lists the checks a stage skips ("signature", "exp", "aud").
import crypto from 'crypto';
import stages from 'stages.js';

function decode(part) {
  return JSON.parse(Buffer.from(part, 'base64url').toString());
}

function verify(r) {
  var stage = stages[r.variables.gp_stage];
  var token = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/.exec(r.headersIn.Authorization || '');
  if (stage === undefined || token === null) return '0';
  var header;
  var claims;
  try {
    header = decode(token[1]);
    claims = decode(token[2]);
  } catch (_e) {
    return '0';
  }
  var checks = function (name) {
    return stage.skip.indexOf(name) < 0;
  };
  if (header.alg !== 'HS256') return '0';
  if (
    checks('signature') &&
    crypto
      .createHmac('sha256', stage.secret)
      .update(token[1] + '.' + token[2])
      .digest('base64url') !== token[3]
  )
    return '0';
  if (checks('exp') && !(typeof claims.exp === 'number' && claims.exp > Date.now() / 1000)) return '0';
  if (claims.iss !== stage.issuer) return '0';
  var audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (checks('aud') && audiences.indexOf(stage.audience) < 0) return '0';
  return '1';
}

export default { verify };
