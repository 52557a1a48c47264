declare module 'dynalite' {
  import type { Server } from 'node:net';

  function dynalite(options?: Record<string, unknown>): Server;
  export default dynalite;
}
declare module 'kinesalite' {
  import type { Server } from 'node:net';

  function kinesalite(options?: Record<string, unknown>): Server;
  export default kinesalite;
}
