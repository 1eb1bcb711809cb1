import { useMemo, useState } from 'react';
import { useSession } from '../../hooks/useSession';
import { useUi } from '../../hooks/useUi';
import type { MergeInfo, UiState } from '../../state/uiState';
import { VscodeButton } from '../inspector/vscodeElements';
import { StatusBar } from '../StatusBar';
import { conflictGroups, type ConflictGroup } from './conflictGroups';

type Side = 'ours' | 'theirs';
type Choices = ReadonlyMap<number, Side>;

const selectFile = (s: UiState) => s.file;
const SIDES: readonly Side[] = ['ours', 'theirs'];

/**
 * A merge that is not decided: every conflict with base, ours and theirs side by side. The person
 * picks per conflict, per node or for all; nothing is written until Apply, and conflicts left
 * without a choice stay in the file whole. App keys this view by document version, so choices
 * made on an older text are dropped with it.
 */
export function MergeView({ merge }: { merge: MergeInfo }) {
  const session = useSession();
  const file = useUi(selectFile);
  const groups = useMemo(() => conflictGroups(merge.doc, merge.conflicts), [merge]);
  const [choices, setChoices] = useState<Choices>(new Map());
  const choose = (indices: readonly number[], side: Side) =>
    setChoices((prev) => new Map([...prev, ...indices.map((i) => [i, side] as const)]));
  const all = merge.conflicts.map((_, i) => i);
  const from = merge.source === 'markers' ? "git's conflict markers (merged without the BMAD driver)" : 'the merge';
  const n = merge.conflicts.length;
  return (
    <main className="merge-view" aria-label="Merge conflicts">
      <h1>{n === 1 ? '1 merge conflict' : `${n} merge conflicts`} in {file}</h1>
      <p>
        Left by {from}. Choose ours or theirs for each, for a node, or for all. The file keeps both sides
        until you apply; a conflict you leave open stays in it.
      </p>
      <div className="merge-actions">
        <VscodeButton secondary onClick={() => choose(all, 'ours')}>All ours</VscodeButton>
        <VscodeButton secondary onClick={() => choose(all, 'theirs')}>All theirs</VscodeButton>
        <VscodeButton disabled={choices.size === 0} onClick={() => session.resolve(merge.version, choices)}>
          {`Apply ${choices.size} of ${n} choices`}
        </VscodeButton>
        <VscodeButton secondary onClick={() => session.openAsText()}>Open as Text</VscodeButton>
      </div>
      {groups.map((g) => <GroupTable key={g.key} group={g} choices={choices} choose={choose} />)}
      <StatusBar />
    </main>
  );
}

function GroupTable({ group, choices, choose }: { group: ConflictGroup; choices: Choices; choose: (i: readonly number[], s: Side) => void }) {
  const indices = group.rows.map((r) => r.index);
  return (
    <section className="merge-group" aria-label={group.title} data-group={group.key}>
      <h2>
        {group.title}
        {SIDES.map((side) => (
          <button key={side} type="button" className="merge-group-pick" onClick={() => choose(indices, side)}>
            {`Use ${side} for this ${group.key === 'edges' ? 'group' : 'node'}`}
          </button>
        ))}
      </h2>
      <table className="merge-table">
        <thead>
          <tr><th scope="col">Conflict</th><th scope="col">Base</th><th scope="col">Ours</th><th scope="col">Theirs</th></tr>
        </thead>
        <tbody>
          {group.rows.map((r) => (
            <tr key={r.index} data-conflict={r.index} data-chosen={choices.get(r.index) ?? ''}>
              <th scope="row">{r.what}</th>
              <td><code>{r.base}</code></td>
              {SIDES.map((side) => (
                <td key={side} className={choices.get(r.index) === side ? 'is-chosen' : undefined}>
                  <label>
                    <input
                      type="radio"
                      name={`conflict-${r.index}`}
                      aria-label={`${side}: ${r.what}`}
                      checked={choices.get(r.index) === side}
                      onChange={() => choose([r.index], side)}
                    />
                    <code>{r[side]}</code>
                  </label>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
