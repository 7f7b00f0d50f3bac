/** The .csv open-data files: see src/openData.ts. */
import { openDataPaths, serveOpenData } from '../openData.ts';

export const getStaticPaths = openDataPaths('csv');
export const GET = serveOpenData;
