import { render } from 'preact';

render(<h1>考评</h1>, document.getElementById('app')!);
