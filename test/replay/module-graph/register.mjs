// `node --import tsx --import ./register.mjs …`: registered after tsx, so it sees tsx's final URLs.
import { register } from 'node:module';

register('./record-resolve.mjs', import.meta.url);
