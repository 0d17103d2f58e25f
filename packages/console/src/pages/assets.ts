import { loadAsset } from '../http/assets.js';
import { sendText } from '../http/respond.js';
import { assetRoute, type ConsolePage } from '../http/routes.js';

/** Scripts and styles, served without a session so the sign-in page can use them. */
export const assetsPage = {
  name: 'assets',
  routes: [
    assetRoute('assets/:name', (res, { name }) => {
      const asset = loadAsset(name);
      if (asset === undefined) {
        sendText(res, 404, `No console asset named ${name}.`);
        return;
      }
      res.writeHead(200, {
        'Content-Type': asset.type,
        'Content-Length': asset.body.length,
        'Cache-Control': 'public, max-age=300',
      });
      res.end(asset.body);
    }),
  ],
} satisfies ConsolePage;
