import { parseScriptFileName } from './script-loader';

describe('parseScriptFileName', () => {
  it('takes the command name and key count from the file name', () => {
    expect(parseScriptFileName('deadLetterAppend-2.lua')).toEqual({ name: 'deadLetterAppend', numberOfKeys: 2 });
  });

  it('ignores files that do not follow the convention', () => {
    expect(parseScriptFileName('README.md')).toBeUndefined();
    expect(parseScriptFileName('dead-letter.lua')).toBeUndefined();
  });
});
