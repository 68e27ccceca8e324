// Draws every PWA icon from the one SVG in assets/ (run `npm run icons` after changing it).
import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

const svg = readFileSync(new URL('../assets/icon.svg', import.meta.url), 'utf8');
const out = new URL('../public/icons/', import.meta.url);
mkdirSync(out, { recursive: true });

function png(size, source = svg) {
  return new Resvg(source, { fitTo: { mode: 'width', value: size } }).render().asPng();
}

// A maskable icon keeps its art inside the central 80 % safe zone: shrink the art onto a full bleed.
const maskable = svg
  .replace('<rect width="512" height="512" fill="#b3261e"/>', '<rect width="512" height="512" fill="#b3261e"/><g transform="translate(51.2 51.2) scale(0.8)">')
  .replace('</svg>', '</g></svg>');

writeFileSync(new URL('icon-192.png', out), png(192));
writeFileSync(new URL('icon-512.png', out), png(512));
writeFileSync(new URL('maskable-512.png', out), png(512, maskable));
writeFileSync(new URL('apple-touch-icon.png', out), png(180));
writeFileSync(new URL('favicon-32.png', out), png(32));
copyFileSync(new URL('../assets/icon.svg', import.meta.url), new URL('icon.svg', out));
console.log('icons written to public/icons/');
