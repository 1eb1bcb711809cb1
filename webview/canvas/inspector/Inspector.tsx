import { memo, useEffect, useRef, type FocusEvent } from 'react';
import { nodeTitle } from '../../../core/nodeNames';
import { kindSpec } from '../../../core/nodes';
import { paramOf, type BmadNode } from '../../../core/schema';
import { useDocNode } from '../../hooks/useDocNode';
import { useParamCommit } from '../../hooks/useParamCommit';
import { useSession } from '../../hooks/useSession';
import { useUi } from '../../hooks/useUi';
import { AssetPointerActions } from '../../lfs/AssetPointerActions';
import { RenderPreview } from '../../render/RenderPreview';
import { editLock } from '../../state/editLock';
import { jsonEqual } from '../../state/yNode';
import type { UiState } from '../../state/uiState';
import { FieldFrame } from './FieldFrame';
import { fieldSpecs } from './fieldSpecs';
import { ParamField } from './ParamField';
import { ProposalDecision } from './ProposalDecision';
import { ReadOnlyNote, ReadOnlyProvider, useLocked } from './readOnlyContext';
import { ScriptActions } from './ScriptActions';
import { keepSpaceOnButton } from './spaceOnButton';
import { eventValue, VscodeTextfield } from './vscodeElements';

const selectSelection = (s: UiState) => s.selection;
const selectCompare = (s: UiState) => s.compare;
const selectReadOnly = (s: UiState) => s.readOnly;

/** In compare mode: how the node differs from the compared version, each field old → new. */
function NodeChanges({ id }: { id: string }) {
  const compare = useUi(selectCompare);
  // A read-only canvas (a version from git) is never restored into: no Restore buttons. A compared one
  // that can be written is locked for edits (editLock), yet restores: that is what the compare is for.
  const writable = useUi(selectReadOnly) === undefined;
  const session = useSession();
  const mark = compare?.marks.get(id);
  if (!compare || !mark) return null;
  const changes = compare.changes.get(id) ?? [];
  const title = compare.proposal ? `Proposed: ${mark === 'removed' ? 'to remove' : mark === 'added' ? 'to add' : 'to change'}` : mark === 'changed' ? `Changed since ${compare.against}` : mark === 'added' ? `Added since ${compare.against}` : `Removed since ${compare.against}`;
  return (
    <section className={`inspector-changes diff-${mark}`} aria-label="Changes">
      <h3>{title}</h3>
      {writable && <RestoreButton ids={[id]} against={compare.against} onRestore={(ids) => session.compareAction('restore', ids)} />}
      {changes.length > 0 && (
        <ul>
          {changes.map((c) => (
            <li key={c.key} className="inspector-change">
              <span className="change-key">{c.key}</span>: <span className="change-before">{c.before}</span> → <span className="change-after">{c.after}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Restore from <version>: the nodes `ids` back as they were there, as one edit (compare mode). */
function RestoreButton({ ids, against, onRestore }: { ids: readonly string[]; against: string; onRestore: (ids: readonly string[]) => void }) {
  const what = ids.length === 1 ? 'this node' : `these ${ids.length} nodes`;
  return (
    <button type="button" className="inspector-restore" onClick={() => onRestore(ids)}
      title={`Make ${what} what ${ids.length === 1 ? 'it' : 'they'} were in ${against}, as one edit (undo reverts it)`}>
      Restore from {against}
    </button>
  );
}

/** Several nodes selected: how many, and in compare mode Restore for those of them that changed. */
function MultiSelection({ selection }: { selection: ReadonlySet<string> }) {
  const compare = useUi(selectCompare);
  // A read-only canvas (a version from git) is never restored into: no Restore buttons. A compared one
  // that can be written is locked for edits (editLock), yet restores: that is what the compare is for.
  const writable = useUi(selectReadOnly) === undefined;
  const session = useSession();
  const marked = compare ? [...selection].filter((id) => compare.marks.has(id)) : [];
  return (
    <aside className="inspector nokey" aria-label="Inspector">
      <ReadOnlyNote />
      <p className="inspector-note">{selection.size} nodes selected</p>
      {compare && marked.length > 0 && (
        <section className="inspector-changes" aria-label="Changes">
          <h3>{marked.length} of them changed since {compare.against}</h3>
          {writable && <RestoreButton ids={marked} against={compare.against} onRestore={(ids) => session.compareAction('restore', ids)} />}
        </section>
      )}
    </aside>
  );
}

/**
 * The right-hand panel: the form of the one selected node (nothing when zero or several are). Here,
 * and only here, the inspector learns whether the canvas can be edited now; its controls read it from context.
 */
export function Inspector() {
  const selection = useUi(selectSelection);
  const lock = useUi(editLock);
  const id = selection.size === 1 ? selection.values().next().value : undefined;
  const node = useFormNode(useDocNode(id));
  const panel = selection.size > 1 ? <MultiSelection selection={selection} /> : node && <NodeForm key={node.id} node={node} />;
  return panel ? <ReadOnlyProvider value={lock}>{panel}</ReadOnlyProvider> : null;
}

/**
 * The node as the form shows it: when only its position changed (a move, nearly every gesture), the
 * last object, so the memoized form and its fields (web components, costly to update) skip the render.
 */
function useFormNode(node: BmadNode | undefined): BmadNode | undefined {
  const last = useRef(node);
  const was = last.current;
  if (!(was && node && was.id === node.id && jsonEqual({ ...was, position: 0 }, { ...node, position: 0 }))) {
    last.current = node;
  }
  return last.current;
}

const NodeForm = memo(function NodeForm({ node }: { node: BmadNode }) {
  const session = useSession();
  const { commit, fail, errors } = useParamCommit(node);
  const locked = useLocked();
  const spec = kindSpec(node.kind);
  const onLabel = (e: Event) => {
    const label = eventValue(e);
    if (label !== node.label) session.dispatch({ type: 'rename', id: node.id, label });
  };
  const { presence } = session.collab;
  // Focus moving between two fields of this form blurs one and focuses the other: only leaving the form ends it.
  const onBlur = (e: FocusEvent) => !e.currentTarget.contains(e.relatedTarget as Node | null) && presence.setEditing(null);
  useEffect(() => () => presence.setEditing(null), [presence]);
  return (
    <aside className="inspector nokey nowheel" aria-label={`Inspector: ${nodeTitle(node)}`}
      onFocus={() => presence.setEditing(node.id)} onBlur={onBlur} onKeyDown={keepSpaceOnButton}>
      <ReadOnlyNote />
      <header className="inspector-header">
        <span className={`kind-chip kind-${node.kind}`}>{spec.title}</span>
        <span className="inspector-id" title="Node id">{node.id}</span>
      </header>
      <NodeChanges id={node.id} />
      <ProposalDecision id={node.id} />
      <p className="inspector-description">{spec.description}</p>
      <RenderPreview id={node.id} />
      <AssetPointerActions id={node.id} />
      {node.kind === 'script' && <ScriptActions />}
      <FieldFrame id={`label-${node.id}`} label="label">
        <VscodeTextfield id={`label-${node.id}`} className="nodrag nokey" value={node.label} maxLength={200} readonly={locked}
          onChange={onLabel} />
      </FieldFrame>
      {fieldSpecs(node.kind).map((f) => (
        <ParamField key={f.key} nodeId={node.id} spec={f} value={paramOf(node, f.key)} error={errors[f.key]} commit={commit} fail={fail} />
      ))}
    </aside>
  );
});
