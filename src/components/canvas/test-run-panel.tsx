'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import { useFormat } from '@/i18n/provider';
import { useValues } from '@/i18n/values';
import { currentDocument, traceOf, useEditor } from '@/stores/editor';

const HOUR = 3_600_000;

/** Event properties as a JSON object; undefined when empty, false when not an object. */
function parseProps(text: string): Record<string, unknown> | undefined | false {
  if (!text.trim()) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : false;
  } catch {
    return false;
  }
}

/** Runs the draft for one demo member on a virtual clock (nothing is sent) and shows the path. */
export function TestRunPanel() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const values = useValues();
  const trpc = useTRPC();
  const [memberId, setMemberId] = useState('m0001');
  const [event, setEvent] = useState('');
  const [hours, setHours] = useState('24');
  const [props, setProps] = useState('');
  const members = useQuery({ ...trpc.members.list.queryOptions({ search: memberId.trim(), limit: 8, offset: 0 }), staleTime: 60_000 });
  const run = useMutation(trpc.journeys.testRun.mutationOptions());
  const hasTrace = useEditor((s) => s.trace !== null);
  const hoursNumber = Number(hours);
  const hoursValid = hours.trim() !== '' && Number.isFinite(hoursNumber) && hoursNumber >= 0;
  const properties = parseProps(props);

  const start = async (e: FormEvent) => {
    e.preventDefault();
    useEditor.getState().setTrace(null);
    if (event.trim() && (!hoursValid || properties === false)) return;
    const events = event.trim()
      ? [{ type: event.trim(), afterMs: Math.round(hoursNumber * HOUR), ...(properties ? { properties } : {}) }]
      : undefined;
    try {
      const res = await run.mutateAsync({ document: currentDocument(), memberId: memberId.trim(), ...(events ? { events } : {}) });
      useEditor.getState().setTrace(res ? traceOf(res.steps) : null);
    } catch {
      // Shown from run.error below.
    }
  };

  const clear = () => {
    run.reset();
    useEditor.getState().setTrace(null);
  };

  const result = run.data;
  const t0 = result?.enteredAt ?? 0;
  const offset = (at: number) => {
    const h = (at - t0) / HOUR;
    return h < 1 ? `+${Math.round(h * 60)}m` : h < 48 ? `+${fmt.number(Math.round(h * 10) / 10)}h` : `+${fmt.number(Math.round((h / 24) * 10) / 10)}d`;
  };

  return (
    <section className="testrun" data-testid="testrun">
      <h2>{t('testRun.heading')}</h2>
      <p className="muted small">{t('testRun.hint')}</p>
      <form onSubmit={(e) => void start(e)} className="testrun-form">
        <label className="field">
          <span className="field-label">{t('testRun.member')}</span>
          <input value={memberId} list="testrun-members" data-testid="testrun-member" onChange={(e) => setMemberId(e.target.value)} />
          <datalist id="testrun-members">
            {members.data?.rows.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} · {values.tier(m.tier)}
              </option>
            ))}
          </datalist>
        </label>
        <div className="testrun-then">
          <span>{t('testRun.then')}</span>
          <input value={event} placeholder={t('testRun.eventPlaceholder')} data-testid="testrun-event" onChange={(e) => setEvent(e.target.value)} />
          <span>{t('testRun.after')}</span>
          <input type="number" min={0} step="any" value={hours} className={hoursValid ? 'short' : 'short invalid'} data-testid="testrun-after" onChange={(e) => setHours(e.target.value)} />
          <span>{t('testRun.hours')}</span>
        </div>
        {event.trim() && (
          <input
            value={props}
            className={`testrun-props mono${properties === false ? ' invalid' : ''}`}
            placeholder={t('testRun.propsPlaceholder')}
            data-testid="testrun-props"
            onChange={(e) => setProps(e.target.value)}
          />
        )}
        {!hoursValid && event.trim() && <span className="field-error">{t('testRun.badHours')}</span>}
        {properties === false && <span className="field-error">{t('testRun.badProps')}</span>}
        <div className="testrun-actions">
          <button type="submit" className="btn primary small" data-testid="testrun-start" disabled={run.isPending || !memberId.trim()}>
            {run.isPending ? t('testRun.running') : t('testRun.start')}
          </button>
          {(hasTrace || run.data !== undefined || run.error) && (
            <button type="button" className="btn small" data-testid="testrun-clear" onClick={clear}>
              {t('testRun.clear')}
            </button>
          )}
        </div>
      </form>
      {run.error && (
        <p className="error small" data-testid="testrun-error">
          {run.error.message}
        </p>
      )}
      {run.isSuccess && result === null && (
        <p className="muted small" data-testid="testrun-none">
          {t('testRun.notEnrolled')}
        </p>
      )}
      {result && (
        <div className="testrun-result" data-testid="testrun-result" data-status={result.status}>
          <p className="small">
            {t('testRun.status')}: <b data-testid="testrun-status">{values.status(result.status)}</b>
            {result.variant && <> · {t('testRun.variant', { variant: result.variant })}</>}
            {result.exitReason && <> · {values.reason(result.exitReason)}</>}
          </p>
          <ol className="testrun-steps">
            {result.steps.map((s, i) => (
              <li key={i} data-testid="testrun-step" data-kind={s.kind} data-node={s.nodeId ?? ''}>
                <span className="mono muted">{offset(s.at)}</span> <span className={`step-kind step-${s.kind}`}>{t(`testRun.kind.${s.kind}`, { defaultValue: s.kind })}</span>{' '}
                <code>{s.nodeId}</code>
                {s.handle && <span className="muted"> → {s.handle}</span>}
              </li>
            ))}
          </ol>
          {result.effects.length > 0 && <h3>{t('testRun.effects')}</h3>}
          <ul className="testrun-effects">
            {result.effects.map((fx, i) => (
              <li key={i} data-testid="testrun-effect" data-node={fx.nodeId} data-status={fx.status}>
                <div>
                  <code>{fx.nodeId}</code> {fx.type}
                  {fx.channel && <> · {fx.channel}</>} · <b>{values.decision(fx.status, fx.reason)}</b>
                </div>
                {fx.text && <div className="muted small testrun-text">{fx.text}</div>}
                {fx.decisions.map((d, j) => (
                  <div key={j} className="small testrun-decision" data-testid="testrun-decision">
                    <span className="mono muted">{offset(d.at)}</span> {values.decision(d.decision, d.reason)}
                  </div>
                ))}
              </li>
            ))}
          </ul>
          <p className="muted small">{t('testRun.nothingSent')}</p>
        </div>
      )}
    </section>
  );
}
