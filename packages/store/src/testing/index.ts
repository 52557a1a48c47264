export { createTable, type Loopback, startDynalite, startKinesalite } from './loopback.ts';
