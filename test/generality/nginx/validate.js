// NGINX njs request validator for the generality test (loaded by js_import; njs 0.7, not Node).
// The gateway's location sets $gp_path (the spec path) and $gp_upstream (the named location that proxies to
// the backend); a request whose JSON body breaks the operation's schema is answered 400 by the gateway
// itself, any other request continues to the backend. The schemas come from the spec (schemas.js, written
// by the test); the validator knows the JSON Schema keywords those schemas use.
import schemas from 'schemas.js';

function typeOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function valid(schema, value) {
  var type = typeOf(value);
  if (schema.type !== undefined && schema.type !== type && !(schema.type === 'number' && type === 'integer')) return false;
  if (schema.enum !== undefined && schema.enum.indexOf(value) < 0) return false;
  if (type === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) return false;
    if (schema.maxLength !== undefined && value.length > schema.maxLength) return false;
  }
  if (type === 'number' || type === 'integer') {
    if (schema.minimum !== undefined && value < schema.minimum) return false;
    if (schema.maximum !== undefined && value > schema.maximum) return false;
  }
  if (type === 'array' && schema.items !== undefined) {
    for (var i = 0; i < value.length; i++) if (!valid(schema.items, value[i])) return false;
  }
  if (type === 'object') {
    var properties = schema.properties || {};
    var required = schema.required || [];
    for (var r = 0; r < required.length; r++) if (value[required[r]] === undefined) return false;
    var names = Object.keys(value);
    for (var n = 0; n < names.length; n++) {
      var property = properties[names[n]];
      if (property === undefined) {
        if (schema.additionalProperties === false) return false;
      } else if (!valid(property, value[names[n]])) return false;
    }
  }
  return true;
}

function validate(r) {
  var schema = schemas[r.method + ' ' + r.variables.gp_path];
  if (schema !== undefined) {
    var body;
    try {
      body = JSON.parse(r.requestText || '');
    } catch (_e) {
      body = undefined;
    }
    if (body === undefined || !valid(schema, body)) {
      r.headersOut['Content-Type'] = 'application/json';
      r.return(400, '{"message":"Invalid request body"}');
      return;
    }
  }
  r.internalRedirect(r.variables.gp_upstream);
}

export default { validate };
