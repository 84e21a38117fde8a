import { Controller, Get, Inject, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { PublicRoute } from '@app/platform';
import type { Request, Response } from 'express';
import type { DashboardAsset } from './dashboard-assets';

export const DASHBOARD_ASSETS = Symbol('DASHBOARD_ASSETS');

/**
 * `GET /` and `GET /assets/...`: the dashboard's HTML, CSS and JavaScript. They are open on purpose:
 * they are code without data, and a browser loads scripts and stylesheets without an Authorization
 * header. Everything the page shows comes from the API and the live feed, which need the token the
 * page was opened with (`/?access_token=...`) or one typed into its prompt.
 */
@PublicRoute()
@Controller()
export class DashboardController {
  constructor(@Inject(DASHBOARD_ASSETS) private readonly assets: Map<string, DashboardAsset>) {}

  @Get()
  page(@Req() req: Request, @Res() res: Response): void {
    const index = this.assets.get('index.html');
    if (!index) throw new NotFoundException('the dashboard page is missing from this build');
    this.send(index, req, res, 'no-cache');
  }

  @Get('assets/*path')
  file(@Param('path') segments: string[] | string, @Req() req: Request, @Res() res: Response): void {
    const name = Array.isArray(segments) ? segments.join('/') : segments;
    const found = this.assets.get(name);
    if (!found) throw new NotFoundException(`no dashboard asset ${name}`);
    // Names are not content-hashed, so browsers revalidate (a 304 via the ETag) instead of keeping a stale page.
    this.send(found, req, res, 'no-cache');
  }

  private send(found: DashboardAsset, req: Request, res: Response, cacheControl: string): void {
    res.setHeader('Cache-Control', cacheControl);
    res.setHeader('ETag', found.etag);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (req.headers['if-none-match'] === found.etag) {
      res.status(304).end();
      return;
    }
    res.setHeader('Content-Type', found.contentType);
    res.send(found.body);
  }
}
