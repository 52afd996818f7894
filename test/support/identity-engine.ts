// A stand-in for the engine's identity REST API (what reviewerSignIn asks): /identity/verify checks
// a user's password, /identity/groups names the user's groups. For HTTP tests without an engine.
import express from 'express';
import { serve, type Serving } from './api-app.js';

export interface EngineUser {
  password: string;
  groups: string[];
}

/** Serves `users`; the engine's REST URL is `${base}/engine-rest`. */
export async function identityEngine(users: Record<string, EngineUser>): Promise<Serving & { url: string }> {
  const app = express();
  app.use(express.json());
  const signedIn = (header: string | undefined) => {
    const [user, password] = Buffer.from((header ?? '').replace(/^Basic /, ''), 'base64').toString('utf8').split(':');
    return user && users[user]?.password === password ? user : null;
  };
  app.post('/engine-rest/identity/verify', (req, res) => {
    const { username, password } = req.body as { username: string; password: string };
    const ok = users[username]?.password === password;
    res.json({ authenticatedUser: username, authenticated: ok });
  });
  app.get('/engine-rest/identity/groups', (req, res) => {
    const user = signedIn(req.get('authorization'));
    if (!user || user !== req.query.userId) return void res.status(401).json({ type: 'AuthenticationException', message: 'not signed in' });
    res.json({ groups: users[user]!.groups.map((id) => ({ id, name: id })), groupUsers: [] });
  });
  const serving = await serve(app);
  return { ...serving, url: `${serving.base}/engine-rest` };
}
