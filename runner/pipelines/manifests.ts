import comfyuiImageLow from '../../pipelines/comfyui/image-low/manifest.json';
import comfyuiImageStandard from '../../pipelines/comfyui/image-standard/manifest.json';
import comfyuiImageHigh from '../../pipelines/comfyui/image-high/manifest.json';
import comfyuiVideoHigh from '../../pipelines/comfyui/video-high/manifest.json';
import imageLow from '../../pipelines/image/low/manifest.json';
import imageStandard from '../../pipelines/image/standard/manifest.json';
import imageHigh from '../../pipelines/image/high/manifest.json';
import videoLow from '../../pipelines/video/low/manifest.json';
import videoStandard from '../../pipelines/video/standard/manifest.json';
import videoHigh from '../../pipelines/video/high/manifest.json';
import audioLow from '../../pipelines/audio/low/manifest.json';
import audioStandard from '../../pipelines/audio/standard/manifest.json';
import audioHigh from '../../pipelines/audio/high/manifest.json';
import loraTrain from '../../pipelines/lora/manifest.json';
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
  { file: 'pipelines/image/low/manifest.json', json: imageLow },
  { file: 'pipelines/image/standard/manifest.json', json: imageStandard },
  { file: 'pipelines/image/high/manifest.json', json: imageHigh },
  { file: 'pipelines/video/low/manifest.json', json: videoLow },
  { file: 'pipelines/video/standard/manifest.json', json: videoStandard },
  { file: 'pipelines/video/high/manifest.json', json: videoHigh },
  { file: 'pipelines/audio/low/manifest.json', json: audioLow },
  { file: 'pipelines/audio/standard/manifest.json', json: audioStandard },
  { file: 'pipelines/audio/high/manifest.json', json: audioHigh },
  { file: 'pipelines/lora/manifest.json', json: loraTrain },
  { file: 'pipelines/comfyui/image-low/manifest.json', json: comfyuiImageLow },
  { file: 'pipelines/comfyui/image-standard/manifest.json', json: comfyuiImageStandard },
  { file: 'pipelines/comfyui/image-high/manifest.json', json: comfyuiImageHigh },
  { file: 'pipelines/comfyui/video-high/manifest.json', json: comfyuiVideoHigh },
];
