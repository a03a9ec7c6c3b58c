import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { unzipEntries } from './zip.ts';

/**
 * Every text a folder holds, opened the way a person (or an attacker) would: plain files, gzip files,
 * zip archives (Playwright traces), the base64 zip that Playwright's HTML report embeds and the data k6's
 * dashboard export embeds.
 */
export function readableTexts(dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory()) {
      out.push(...readableTexts(file));
      continue;
    }
    const raw = readFileSync(file);
    out.push(...expand(file, raw));
  }
  return out;
}

function expand(file: string, raw: Buffer): { file: string; text: string }[] {
  if (file.endsWith('.gz')) return [{ file, text: gunzipSync(raw).toString('latin1') }];
  if (file.endsWith('.zip')) return unzipEntries(raw).map((e) => ({ file: `${file}!${e.name}`, text: e.data.toString('latin1') }));
  const text = raw.toString('latin1');
  const embedded = /data:application\/zip;base64,([A-Za-z0-9+/=]+)/.exec(text)?.[1];
  const inner = embedded ? unzipEntries(Buffer.from(embedded, 'base64')).map((e) => ({ file: `${file}!${e.name}`, text: e.data.toString('latin1') })) : [];
  // k6's web-dashboard export embeds its data gzip'd and base64'd.
  const dashboard = /<script id="data" type="application\/json; charset=utf-8; gzip; base64">([^<]+)<\/script>/.exec(text)?.[1];
  if (dashboard) inner.push({ file: `${file}!data`, text: gunzipSync(Buffer.from(dashboard.trim(), 'base64')).toString('latin1') });
  return [{ file, text }, ...inner];
}

/** The forms a secret may travel in. */
export const secretForms = (secret: string): string[] => [
  secret,
  encodeURIComponent(secret),
  Buffer.from(secret).toString('base64'),
  Buffer.from(secret).toString('base64url'),
];

/** Where any form of any secret occurs: "file: NAME" lines (empty when clean). */
export function findSecrets(texts: { file: string; text: string }[], secrets: Record<string, string>): string[] {
  const hits: string[] = [];
  for (const { file, text } of texts) {
    for (const [name, secret] of Object.entries(secrets)) {
      if (secretForms(secret).some((form) => text.includes(form))) hits.push(`${file}: ${name}`);
    }
  }
  return hits;
}
