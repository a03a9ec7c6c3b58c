import { chromium, type Browser } from '@playwright/test';

/** Debian's chromium through Playwright (the real browser the report is tested in). */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });

export interface ParsedJunit {
  error?: string;
  root: string;
  attrs: Record<string, string>;
  suites: {
    attrs: Record<string, string>;
    cases: { attrs: Record<string, string>; failure?: { attrs: Record<string, string>; text: string }; skipped: boolean; children: string[] }[];
    children: string[];
  }[];
}

/** Parses XML with the browser's strict XML parser (any well-formedness error becomes `error`). */
export async function parseJunitInBrowser(browser: Browser, xml: string): Promise<ParsedJunit> {
  const page = await browser.newPage();
  try {
    return await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const perr = doc.getElementsByTagName('parsererror')[0];
      const attrs = (el: Element): Record<string, string> => Object.fromEntries(Array.from(el.attributes).map((a) => [a.name, a.value]));
      const root = doc.documentElement;
      if (perr) return { error: perr.textContent ?? 'parsererror', root: '', attrs: {}, suites: [] };
      return {
        root: root.tagName,
        attrs: attrs(root),
        suites: Array.from(root.children).map((suite) => ({
          attrs: attrs(suite),
          children: Array.from(suite.children).map((c) => c.tagName),
          cases: Array.from(suite.children)
            .filter((c) => c.tagName === 'testcase')
            .map((c) => {
              const failure = c.getElementsByTagName('failure')[0];
              return {
                attrs: attrs(c),
                failure: failure ? { attrs: attrs(failure), text: failure.textContent ?? '' } : undefined,
                skipped: c.getElementsByTagName('skipped').length > 0,
                children: Array.from(c.children).map((x) => x.tagName),
              };
            }),
        })),
      };
    }, xml);
  } finally {
    await page.close();
  }
}
