import type { FastifyInstance } from 'fastify';
import type { Services } from './services.js';
import type { LoginAttempts } from '../platform/http/loginThrottle.js';
import type { AnyWorker, ScheduleDeclaration } from '../platform/jobs/registry.js';
import type { SignalName } from './services.js';

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
  /** Durable workers (role worker): claim work in the database and run it. */
  workers?: AnyWorker<Services, SignalName>[];
  /** Periodic jobs (role worker). */
  schedules?: ScheduleDeclaration<Services, SignalName>[];
  /** Signals this module handles outside its jobs (a waiter subscribing while it waits ...). */
  handles?: SignalName[];
  /**
   * Run once when an instance's services are built (every role): a higher module registers here
   * the lookups and handlers a lower module asks for (the media module keeps accounts' avatars,
   * messaging records the passive replies callbacks settle). Lower modules never import higher
   * ones (docs/ARCHITECTURE.md, "Module order").
   */
  connect?: Array<(services: Services) => void>;
  /** Effects started with the web role and stopped on close (relays of other nodes' events ...). */
  onStart?: Array<(services: Services) => () => Promise<void> | void>;
}

/**
 * A route registrar loaded when the server registers routes, not when the module is imported:
 * other modules import a module's `index.ts` for its public API, and loading its routes (and
 * the kits they use) then would tie every module's load order to every other's.
 */
export function lazyRoutes<M>(load: () => Promise<M>, name: { [K in keyof M]: M[K] extends RouteRegistrar ? K : never }[keyof M]): RouteRegistrar {
  return async (app, services, kit) => {
    const register = (await load())[name] as RouteRegistrar;
    await register(app, services, kit);
  };
}

/** Declares a module's manifest (typed identity: the declaration is the documentation). */
export function defineModule(manifest: ModuleManifest): ModuleManifest {
  return manifest;
}
