// renderTemplate: variables, sections over lists and values, inverted sections, and standalone tags.
import { describe, expect, it } from 'vitest';
import { loadTemplate, renderTemplate } from '../../../src/templating/render-template.js';

describe('renderTemplate', () => {
  it('replaces variables with their text, numbers and booleans included, without escaping', () => {
    expect(
      renderTemplate('{{name}} on {{ port }} <{{ok}}> {{raw}}', {
        name: 'shop',
        port: 8000,
        ok: true,
        raw: '"a" & <b>',
      }),
    ).toBe('shop on 8000 <true> "a" & <b>');
  });

  it('repeats a section for each item of a list, with the item in scope and the outer data visible', () => {
    const template = '{{#layers}}[{{name}}@{{runtime}}]{{/layers}}';
    expect(
      renderTemplate(template, { runtime: 'python@3.13', layers: [{ name: 'health' }, { name: 'db' }] }),
    ).toBe('[health@python@3.13][db@python@3.13]');
  });

  it('renders a section over a non-empty value once, with {{.}} standing for the value', () => {
    expect(renderTemplate('{{#apt}}apt {{.}}{{/apt}}', { apt: 'curl git' })).toBe('apt curl git');
  });

  it('renders nothing for a section over an empty list, an empty text, false or a missing key', () => {
    const template = '<{{#items}}x{{/items}}>';
    for (const items of [[], '', false, undefined, null]) {
      expect(renderTemplate(template, { items })).toBe('<>');
    }
    expect(renderTemplate(template, {})).toBe('<>');
  });

  it('renders an inverted section only when its value is empty', () => {
    const template = '{{^deps}}no dependencies{{/deps}}';
    expect(renderTemplate(template, { deps: [] })).toBe('no dependencies');
    expect(renderTemplate(template, { deps: ['pg'] })).toBe('');
  });

  it('removes section tags alone on their line together with the line, leaving no blank lines', () => {
    const template =
      'FROM base\n{{#layers}}\n  {{#apt}}\nRUN install {{apt}}\n  {{/apt}}\n{{/layers}}\nCOPY app\n';
    const data = { layers: [{ apt: 'curl' }, { apt: '' }, { apt: 'git' }] };
    expect(renderTemplate(template, data)).toBe('FROM base\nRUN install curl\nRUN install git\nCOPY app\n');
  });

  it('keeps the line break of a variable alone on its line', () => {
    expect(renderTemplate('a\n{{b}}\nc', { b: 'B' })).toBe('a\nB\nc');
  });

  it('throws, naming the variable, when a variable has no value', () => {
    expect(() => renderTemplate('FROM {{baseImage}}', {})).toThrow(
      'template variable "baseImage" has no value',
    );
    expect(() => renderTemplate('{{x}}', { x: null })).toThrow('template variable "x" has no value');
  });

  it('throws on a section closed with another name, or left open', () => {
    expect(() => renderTemplate('{{#a}}{{/b}}', {})).toThrow('template closes "b" but "a" is open');
    expect(() => renderTemplate('{{#a}}text', {})).toThrow('template leaves "a" open');
  });

  it('loads the templates shipped in templates/', async () => {
    expect(await loadTemplate('python.Dockerfile')).toContain('COPY context/ /app/');
  });
});
