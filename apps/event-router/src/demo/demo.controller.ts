import { Controller, Get, Header } from '@nestjs/common';
import { DEMO_PAGE } from './demo-page';

/** `GET /`: the demo page that subscribes to a job and renders its events as they arrive. */
@Controller()
export class DemoController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  page(): string {
    return DEMO_PAGE;
  }
}
