/** Entry point: replaces index.html's static 正在加载… with the app. */
import { render } from 'preact';
import { App } from './app';

const root = document.getElementById('app');
if (root) {
  // Preact appends to foreign markup instead of replacing it.
  root.replaceChildren();
  render(<App />, root);
}
