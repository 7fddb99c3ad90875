/** The CloudFront viewer-request function that maps paths to objects of the web bucket. */
import { describe, expect, it } from 'vitest';
import { ROUTING_FUNCTION } from '../../infra/constructs/web';

type Handler = (event: { request: { uri: string } }) => { uri: string };
// The code CloudFront runs, evaluated as it is deployed (plain JavaScript, no imports).
const handler = new Function(`${ROUTING_FUNCTION}\nreturn handler;`)() as Handler;
const route = (uri: string) => handler({ request: { uri } }).uri;

describe('the web routing function', () => {
  it('serves the index document of a folder', () => {
    expect(route('/')).toBe('/index.html');
    expect(route('/rankings/')).toBe('/rankings/index.html');
    expect(route('/rankings/2026/')).toBe('/rankings/2026/index.html');
  });

  it('serves a ranking page asked for without its trailing slash', () => {
    expect(route('/rankings')).toBe('/rankings/index.html');
    expect(route('/rankings/2026')).toBe('/rankings/2026/index.html');
  });

  it('serves the single-page app for its own routes', () => {
    expect(route('/agreements/42')).toBe('/index.html');
    expect(route('/auth/callback')).toBe('/index.html');
  });

  it('leaves files alone', () => {
    expect(route('/app.js')).toBe('/app.js');
    expect(route('/config.json')).toBe('/config.json');
    expect(route('/rankings/2026/style.css')).toBe('/rankings/2026/style.css');
  });
});
