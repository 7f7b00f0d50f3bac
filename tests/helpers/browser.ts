export { CHROMIUM, launch, serveDist } from '../../src/audit/browser.ts';
