/** The .json open-data files: see src/openData.ts. */
import { openDataPaths, serveOpenData } from '../openData.ts';

export const getStaticPaths = openDataPaths('json');
export const GET = serveOpenData;
