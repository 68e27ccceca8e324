// Vite's `?url` import of raptorq's wasm (a URL string), for the configs without vite/client
// (tsconfig.core.json compiles core and formats with worker libs only).
declare module 'raptorq/raptorq_bg.wasm?url' {
  const url: string;
  export default url;
}
