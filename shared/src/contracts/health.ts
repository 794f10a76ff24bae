/** `GET /api/health`: up, and how the database answers. */
export interface Health {
  status: 'ok' | 'degraded';
  database: { engine: 'sqlite' | 'mariadb'; ok: boolean; latencyMs: number };
}
