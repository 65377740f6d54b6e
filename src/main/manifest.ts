import type { FastifyInstance } from 'fastify';
import type { Services } from './services.js';
import type { LoginAttempts } from '../platform/http/loginThrottle.js';

/** What a surface hands every route registrar besides the app and the services. */
export interface SurfaceKit {
  /** The surface's one login throttle (console operators, phone followers). */
  attempts: LoginAttempts;
}

/** Registers one group of routes on a surface's Fastify scope. */
export type RouteRegistrar = (app: FastifyInstance, services: Services, kit: SurfaceKit) => void | Promise<void>;

/** The surfaces a module can serve routes on. */
export type Surface = 'wechat' | 'console' | 'phone' | 'sim' | 'reader';

/**
 * A capability module's manifest (its `index.ts` exports one): what the server registers for it.
 * `src/main` reads the list of manifests; nothing there imports a module's files one by one.
 */
export interface ModuleManifest {
  /** The folder's name under src/modules. */
  name: string;
  /** Route registrars per surface, in registration order. */
  routes: Partial<Record<Surface, RouteRegistrar[]>>;
}

/** Declares a module's manifest (typed identity: the declaration is the documentation). */
export function defineModule(manifest: ModuleManifest): ModuleManifest {
  return manifest;
}
