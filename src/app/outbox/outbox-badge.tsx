// The top bar's 待同步 3 / "3 to sync" badge, shown while anything waits in the outbox (outbox.ts), and
// the list it opens: each item with its state (等待, 发送中, 已同步, 冲突, 被拒绝 with the server's reason),
// 立即同步 for all, 放弃 for one (confirmed), and 处理冲突, which opens the conflict dialog the shell
// passes in (`renderConflict`: the dialog belongs to the inspections). Mounting it starts the outbox
// for the signed-in person (startOutbox: now, when the browser comes online, and on a backoff timer).
import './outbox.css';
import { type ReactNode, useEffect, useState } from 'react';
import { pendingCount } from '../../domain/outbox.ts';
import type { Conflict } from '../api/transact.ts';
import { useAtlas } from '../state/store.ts';
import { Sheet } from '../ui/sheet.tsx';
import type { OutboxItem } from './db.ts';
import { discard, startOutbox, syncNow, useOutbox } from './outbox.ts';
import { stateLabel, to } from './strings.ts';

export type RenderConflict = (conflict: Conflict, done: () => void) => ReactNode;

export function OutboxBadge({ renderConflict }: { renderConflict: RenderConflict }) {
  const lang = useAtlas((state) => state.lang);
  const { items, syncing } = useOutbox();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [resolving, setResolving] = useState<OutboxItem | null>(null);
  useEffect(() => startOutbox(), []);

  const pending = pendingCount(items);
  const attention = items.some((item) => item.state === 'conflict' || item.state === 'refused');
  const badge =
    pending > 0 ? (
      <button
        type="button"
        className={`bar-button outbox-badge${attention ? ' attention' : ''}`}
        aria-haspopup="dialog"
        aria-label={to(lang, 'badgeLabel', { n: pending })}
        onClick={() => setOpen(true)}
      >
        <span aria-hidden="true" className="outbox-icon">
          ⇅
        </span>
        {to(lang, 'badge', { n: pending })}
      </button>
    ) : null;

  if (resolving?.conflict) {
    return (
      <>
        {badge}
        {renderConflict(resolving.conflict, () => setResolving(null))}
      </>
    );
  }

  const line = (item: OutboxItem) => {
    const photos = items.filter((other) => other.dependsOn === item.id && other.state !== 'sent').length;
    const what = item.what[lang];
    return (
      <li key={item.id} className={`outbox-item state-${item.state}`}>
        <div className="outbox-line">
          <span className="outbox-what">{what}</span>
          <span className="outbox-state" data-state={item.state}>
            {stateLabel(item.state, lang)}
          </span>
        </div>
        {item.state === 'refused' && item.reason && (
          <p className="outbox-reason" role="note">
            {item.reason[lang]}
          </p>
        )}
        {item.state === 'waiting' && item.attempts > 0 && (
          <p className="outbox-note">
            {to(lang, 'attempts', { n: item.attempts })}
            {item.reason ? ` · ${item.reason[lang]}` : ''}
          </p>
        )}
        {item.state === 'waiting' && item.dependsOn && items.some((other) => other.id === item.dependsOn) && (
          <p className="outbox-note">{to(lang, 'afterInspection')}</p>
        )}
        {item.state !== 'sent' && item.state !== 'sending' && confirming !== item.id && (
          <div className="outbox-actions">
            {item.state === 'conflict' && item.conflict && (
              <button type="button" className="primary-button" onClick={() => setResolving(item)}>
                {to(lang, 'resolve')}
              </button>
            )}
            <button
              type="button"
              className="secondary-button"
              aria-label={to(lang, 'discardWhat', { what })}
              onClick={() => setConfirming(item.id)}
            >
              {to(lang, 'discard')}
            </button>
          </div>
        )}
        {confirming === item.id && (
          <div className="outbox-confirm" role="alert">
            <p>
              {photos > 0
                ? to(lang, 'confirmDiscardWithPhotos', { what, n: photos })
                : to(lang, 'confirmDiscard', { what })}
            </p>
            <div className="outbox-actions">
              <button
                type="button"
                className="danger-button"
                onClick={() => {
                  setConfirming(null);
                  void discard(item.id);
                }}
              >
                {to(lang, 'confirm')}
              </button>
              <button type="button" className="secondary-button" onClick={() => setConfirming(null)}>
                {to(lang, 'keep')}
              </button>
            </div>
          </div>
        )}
      </li>
    );
  };

  return (
    <>
      {badge}
      {open && (
        <Sheet title={to(lang, 'title')} closeLabel={to(lang, 'close')} onClose={() => setOpen(false)}>
          <p className="outbox-intro">{to(lang, 'intro')}</p>
          <div className="form-actions">
            <button
              type="button"
              className="primary-button"
              disabled={syncing}
              onClick={() => void syncNow()}
            >
              {syncing ? to(lang, 'syncing') : to(lang, 'syncNow')}
            </button>
          </div>
          {items.length === 0 ? (
            <p>{to(lang, 'empty')}</p>
          ) : (
            <ul className="outbox-list" aria-label={to(lang, 'title')}>
              {items.map(line)}
            </ul>
          )}
        </Sheet>
      )}
    </>
  );
}
