// displayPath: how a command names a file to the user.
import { describe, expect, it } from 'vitest';
import { displayPath } from '../../../src/cli/display-path.js';

describe('displayPath', () => {
  it('is relative below the working directory, absolute above or beside it', () => {
    expect(displayPath('/work/app', '/work/app/deployment_strategy.md')).toBe('deployment_strategy.md');
    expect(displayPath('/work/app', '/work/app/.stagebisect/snapshots')).toBe('.stagebisect/snapshots');
    expect(displayPath('/work/app', '/work/app')).toBe('.');
    expect(displayPath('/tmp/acc', '/work/app/deployment_strategy.md')).toBe(
      '/work/app/deployment_strategy.md',
    );
    expect(displayPath('/work/app', '/work/application/x.md')).toBe('/work/application/x.md');
  });
});
