import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.ts';
import { builtinProfiles } from '../../src/profiles/builtin.ts';
import { resolveProfile } from '../../src/profiles/resolve.ts';

/** The profile field as the config loader hands it over (defaults applied). */
const profileOf = (profile: unknown) => ({ profile: configSchema.shape.profile.parse(profile) });

describe('resolveProfile: config overrides', () => {
  it('overrides a rejection kind field by field, keeping the base headers', () => {
    const profile = resolveProfile(profileOf({ base: 'aws-rest', overrides: { throttled: { statuses: [503] } } }));
    expect(profile.rejections.throttled.statuses).toEqual([503]);
    expect(profile.rejections.throttled.headers).toEqual(builtinProfiles['aws-rest'].rejections.throttled.headers);
  });

  it('replaces the error signature and the leak headers when the config gives them (lower-cased)', () => {
    const profile = resolveProfile(profileOf({ base: 'generic', signature: { 'cache-control': '^no-cache$' }, leakHeaders: ['Server', 'X-Powered-By'] }));
    expect(profile.errorSignature).toEqual({ 'cache-control': '^no-cache$' });
    expect(profile.leakHeaders).toEqual(['server', 'x-powered-by']);
  });

  it('keeps the built-in error signature and leak headers otherwise', () => {
    const profile = resolveProfile(profileOf({ base: 'generic' }));
    expect(profile.errorSignature).toEqual(builtinProfiles.generic.errorSignature);
    expect(profile.leakHeaders).toEqual(builtinProfiles.generic.leakHeaders);
  });
});
