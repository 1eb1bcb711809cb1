import previewAudio from '../../pipelines/preview/audio/manifest.json';
import previewEdit from '../../pipelines/preview/edit/manifest.json';
import previewImage from '../../pipelines/preview/image/manifest.json';
import previewOutput from '../../pipelines/preview/output/manifest.json';
import previewVideo from '../../pipelines/preview/video/manifest.json';

/**
 * Every pipelines/**\/manifest.json, imported so that esbuild bundles them into the CLI and the
 * extension (no file is read at run time, so dist/ works anywhere). `npm run lint` fails when a
 * manifest on disk is missing here: add one line per new pipeline.
 */
export const MANIFEST_FILES: readonly { readonly file: string; readonly json: unknown }[] = [
  { file: 'pipelines/preview/image/manifest.json', json: previewImage },
  { file: 'pipelines/preview/video/manifest.json', json: previewVideo },
  { file: 'pipelines/preview/audio/manifest.json', json: previewAudio },
  { file: 'pipelines/preview/edit/manifest.json', json: previewEdit },
  { file: 'pipelines/preview/output/manifest.json', json: previewOutput },
];
