import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';

/** Registers every WeChat-compatible API group. One file per group in this folder. */
export async function registerWechatRoutes(app: FastifyInstance, services: Services): Promise<void> {
  void app;
  void services;
}
