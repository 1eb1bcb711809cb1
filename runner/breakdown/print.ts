import type { Breakdown } from '../../core/breakdown';
import { table } from '../commands/table';

/** The breakdown as text: scenes, characters with their speeches, shots. */
export function breakdownText(b: Breakdown): string {
  const scenes = table(
    ['SCENE', 'INT/EXT', 'LOCATION', 'TIME', 'LINES', 'WHO SPEAKS'],
    b.scenes.map((s) => [String(s.number), s.setting || '-', s.location, s.timeOfDay, `${s.lines.from}-${s.lines.to}`, s.speakers.join(', ') || '-']),
  );
  const characters = table(
    ['CHARACTER', 'SPEECHES', 'PER SCENE', 'FIRST SEEN', 'VOICE', 'LOOK'],
    b.characters.map((c) => [
      c.name, String(c.speeches), c.perScene.map((p) => `${p.scene}:${p.speeches}`).join(' ') || '-',
      `scene ${c.firstScene}, line ${c.firstLine}`, `${c.voice} pitch ${c.pitch} rate ${c.rate}`, `${c.silhouette} ${c.colors.join(' ')}`,
    ]),
  );
  const shots = table(
    ['SHOT', 'SCENE', 'RULE', 'FRAMING', 'CAMERA', 'SECONDS', 'LINES', 'IN SHOT'],
    b.shots.map((s) => {
      const scene = b.scenes.find((x) => x.key === s.scene)!.number;
      return [String(s.number), String(scene), s.rule, s.framing, s.camera, String(s.duration), `${s.lines.from}-${s.lines.to}`, s.characters.join(', ') || '-'];
    }),
  );
  const counts = `${b.scenes.length} scenes, ${b.characters.length} characters, ${b.shots.length} shots`;
  return `${b.title}: ${counts}\n\n${scenes}\n${characters}\n${shots}`;
}
