/** The .xlsx open-data files: see src/openData.ts. */
import { openDataPaths, serveOpenData } from '../openData.ts';

export const getStaticPaths = openDataPaths('xlsx');
export const GET = serveOpenData;
