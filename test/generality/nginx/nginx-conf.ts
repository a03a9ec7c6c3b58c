import type { GatewayModel } from '../../../src/openapi/model.ts';

/**
 * An NGINX configuration playing the gateway for the test spec: stage prefixes, an API-key check per stage
 * (map + if), `limit_req` with status 429, method restriction, proxying to each stage's echo backend.
 * `unprotected` lists operations whose key check is "forgotten" (the defect the gate must catch).
 */
export interface NginxStage {
  name: string;
  apiKey: string;
  echoPort: number;
  rate: number;
  burst: number;
}

export function nginxConf(model: GatewayModel, opts: { dir: string; port: number; stages: NginxStage[]; unprotected?: string[] }): string {
  const maps = opts.stages.map((s) => `  map $http_x_api_key $key_ok_${s.name} { default 0; "${s.apiKey}" 1; }`).join('\n');
  const zones = opts.stages.map((s) => `  limit_req_zone $server_port zone=${s.name}:1m rate=${s.rate}r/s;`).join('\n');
  const locations = opts.stages.flatMap((stage) => model.operations.map((op) => location(stage, op, opts.unprotected ?? [])));
  const json = (message: string) => `default_type application/json; return 404 '{"message":"${message}"}';`;
  return `worker_processes 1;
daemon off;
pid ${opts.dir}/nginx.pid;
error_log ${opts.dir}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${opts.dir}/body;
  proxy_temp_path ${opts.dir}/proxy;
  fastcgi_temp_path ${opts.dir}/fastcgi;
  uwsgi_temp_path ${opts.dir}/uwsgi;
  scgi_temp_path ${opts.dir}/scgi;
  server_tokens off;
  limit_req_status 429;
  limit_req_log_level warn;
${maps}
${zones}
  server {
    listen 127.0.0.1:${opts.port};
    proxy_hide_header X-Powered-By;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    error_page 403 = @forbidden;
    error_page 429 = @throttled;
    location @forbidden { default_type application/json; return 403 '{"message":"Forbidden"}'; }
    location @throttled { default_type application/json; return 429 '{"message":"Too Many Requests"}'; }
${locations.join('\n')}
    location / { ${json('Not Found')} }
  }
}
`;
}

function location(stage: NginxStage, op: GatewayModel['operations'][number], unprotected: string[]): string {
  const pattern = op.path.replace(/\{[^}]+\}/g, '([^/]+)');
  const target = op.path.replace(/\{[^}]+\}/g, () => '$1');
  const keyCheck = op.security.length > 0 && !unprotected.includes(op.key) ? `if ($key_ok_${stage.name} = 0) { return 403; }` : '';
  return `    location ~ ^/${stage.name}${pattern}$ {
      limit_except ${op.method} { deny all; }
      ${keyCheck}
      limit_req zone=${stage.name} burst=${stage.burst} nodelay;
      proxy_set_header x-gateproof-op "${op.key}";
      proxy_pass http://127.0.0.1:${stage.echoPort}${target}$is_args$args;
    }`;
}
