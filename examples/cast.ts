/**
 * The people and the look of "Last Light at Gull Point": what the script cannot say in Fountain.
 * Colours are wardrobe, most prominent first; voices are eSpeak NG ids (language+variant).
 */
export const CAST = [
  {
    name: 'Margit',
    description: 'Keeper of the Gull Point light for forty years; seventies, grey hair in a bun, a dark green oilskin coat and a mustard scarf.',
    silhouette: 'slim',
    colors: ['#2f5d50', '#3b3a36', '#e0a526'],
    voice: 'en-gb-x-rp+f3',
    pitch: 38,
    rate: 140,
  },
  {
    name: 'Jonah',
    description: 'Her grandson, ten; curly hair, a red raincoat over a striped jumper.',
    silhouette: 'small',
    colors: ['#c8362f', '#2b4162', '#f2d7a0'],
    voice: 'en-us+f4',
    pitch: 85,
    rate: 175,
  },
  {
    name: 'Orla',
    description: 'Engineer from the Lights Board, forties; short hair, glasses, a navy work jacket with a hi-vis stripe and a wool cap.',
    silhouette: 'tall',
    colors: ['#1f3a5f', '#4a4e57', '#cfe23a', '#8a8d91'],
    voice: 'en-gb-scotland+f1',
    pitch: 52,
    rate: 160,
  },
] as const;

export const STYLE = {
  name: 'Gull Point',
  prompt: 'hand-painted storyboard, maritime, warm lamplight against sea blues',
  negativePrompt: 'photorealistic, text, watermark',
  palette: ['#2f4858', '#e0a458', '#c8553d', '#f2e8cf', '#86bbd8'],
  grain: 0.22,
};

export const BEDS = [
  { key: 'music', label: 'Music · Gull Point theme', text: 'A slow maritime theme: warm pads and a music box, hopeful by the end', volume: 0.45, seed: 4001 },
  { key: 'ambience', label: 'Ambience · sea and wind', text: 'Sea swell and wind against the harbour wall', volume: 0.3, seed: 4002 },
] as const;
