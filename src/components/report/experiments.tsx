'use client';

import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import { getNodeKind } from '@/journey';
import type { ReportFormat } from './format';
import type { Experiment, NodeLabel } from './types';
import { useExperimentFormat, type ExperimentFormat } from './experiment-format';
import { ExperimentTable } from './experiment-table';
import { RevenueTable } from './revenue-table';
import { HoldoutBlock } from './holdout';
import styles from './report.module.css';
import own from './experiments.module.css';

/** The smallest non-zero rate shown, so every rate of an experiment gets the same, sufficient decimals. */
const smallestRate = (r: Experiment['result']) => Math.min(1, ...r.variants.filter((v) => v.rate > 0).map((v) => v.rate));

/** The journey's holdout lift, then every A/B split of the live version, counted by member. */
export function ExperimentsSection({ journeyId, range, fmt, label }: { journeyId: string; range: { from?: number; to?: number }; fmt: ReportFormat; label: NodeLabel }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [mdePercent, setMdePercent] = useState(10);
  const mde = mdePercent > 0 && mdePercent <= 1000 ? mdePercent / 100 : 0.1;
  const experiments = useQuery({ ...trpc.analytics.experiments.queryOptions({ journeyId, mde, ...range }), placeholderData: keepPreviousData });
  const holdout = useQuery({ ...trpc.analytics.holdout.queryOptions({ journeyId, mde, ...range }), placeholderData: keepPreviousData });
  const journey = useQuery(trpc.journeys.get.queryOptions({ id: journeyId }));
  const goalEvent = journey.data?.draft.goal?.event ?? 'goal';
  // The draft's winner shows before it is published; other nodes and undecided tests fall back to the live one.
  const winners = new Map((journey.data?.draft.nodes ?? []).map((n) => [n.id, getNodeKind(n.kind)?.experiment?.of(n.config ?? {}).winner]));
  return (
    <section className="card" data-testid="experiments">
      <h2>{t('experiment.heading')}</h2>
      <label className={`${own.power} small`}>
        {t('experiment.mde')}
        <input type="number" min={1} max={1000} step={1} value={mdePercent} data-testid="experiment-mde" onChange={(e) => setMdePercent(Number(e.target.value))} />
      </label>
      {holdout.data && <HoldoutBlock h={holdout.data} goalEvent={goalEvent} />}
      {experiments.error && <p className="error">{experiments.error.message}</p>}
      {experiments.data?.length === 0 && <p className="muted">{t('experiment.none')}</p>}
      {experiments.data?.map((x) => (
        <ExperimentBlock key={x.nodeId} journeyId={journeyId} x={x} fmt={fmt} label={label} winner={winners.get(x.nodeId) ?? x.winner} goalEvent={goalEvent} />
      ))}
    </section>
  );
}

/** Sample size, members still needed and the expected date, for the MDE the user entered. */
export function PowerLine({ nodeId, r, f }: { nodeId: string; r: Experiment['result']; f: ExperimentFormat }) {
  const { t } = useTranslation();
  const p = r.power;
  if (!p.requiredPerArm) return null;
  const remaining = Math.max(...(p.remainingPerArm ?? [0]));
  return (
    <p className="muted small" data-testid={`sample-${nodeId}`}>
      {t('experiment.sample', {
        mde: f.share(p.relativeMde),
        comparisons: Math.max(1, r.variants.length - 1),
        arms: r.variants.map((v, i) => `${v.key} ${f.count(p.requiredPerArm![i])}`).join(' · '),
      })}{' '}
      {remaining === 0
        ? t('experiment.enough')
        : p.expectedAt
          ? t('experiment.remaining', { n: f.count(remaining), date: f.date(p.expectedAt) })
          : t('experiment.remainingNoDate', { n: f.count(remaining) })}
    </p>
  );
}

function ExperimentBlock({ journeyId, x, fmt, label, winner, goalEvent }: { journeyId: string; x: Experiment; fmt: ReportFormat; label: NodeLabel; winner?: string | null; goalEvent: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const r = x.result;
  const f = useExperimentFormat(smallestRate(r));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [requested, setRequested] = useState(false);
  const declare = useMutation(
    trpc.journeys.declareWinner.mutationOptions({
      onSuccess: (res, vars) => {
        setRequested(res.ok);
        setMessage(
          res.ok && 'pending' in res
            ? { ok: true, text: t('experiment.declarePending', { id: res.requestId }) }
            : res.ok
              ? { ok: true, text: t('experiment.declared', { number: res.version.number, variant: vars.variant }) }
              : { ok: false, text: t('experiment.refused', { count: res.problems.length }) },
        );
        void queryClient.invalidateQueries({ queryKey: trpc.journeys.get.queryKey({ id: journeyId }) });
        void queryClient.invalidateQueries({ queryKey: trpc.analytics.experiments.queryKey() });
      },
      onError: (err) => setMessage({ ok: false, text: err.message }),
    }),
  );
  const onDeclare = (variant: string) => {
    if (window.confirm(t('experiment.confirm', { variant, node: `${label(x.nodeId)} (${x.nodeId})` }))) {
      declare.mutate({ id: journeyId, nodeId: x.nodeId, variant });
    }
  };
  // One winner only: once declared (or sent for approval) nothing more is offered; otherwise only the candidate whose
  // always-valid interval excludes 0.
  const offer = !winner && !requested && r.decision.state === 'ready' ? r.decision.candidate : null;
  const reentries = x.reentries.reduce((s, a) => s + a.reentries, 0);
  const reentrants = x.reentries.reduce((s, a) => s + a.reentrants, 0);

  return (
    <div className={styles.experiment} data-testid={`experiment-${x.nodeId}`}>
      <h3 className={styles.expTitle}>{t('experiment.title', { experiment: x.experiment, node: `${label(x.nodeId)} (${x.nodeId})` })}</h3>
      <p className={styles.verdict} data-testid={`verdict-${x.nodeId}`}>
        {fmt.locale === 'zh-CN' ? r.verdict.zh : r.verdict.en}
      </p>
      {winner ? (
        <p className={own.declared} data-testid={`declared-${x.nodeId}`}>
          {t('experiment.declaredAlready', { variant: winner })}
        </p>
      ) : (
        <DecisionNote nodeId={x.nodeId} r={r} />
      )}
      {r.srm.mismatch ? (
        <p className={styles.warn} data-testid={`srm-${x.nodeId}`}>
          ⚠ {r.srm.zeroWeightTraffic.length ? t('experiment.srmZero', { arms: r.srm.zeroWeightTraffic.map((i) => r.variants[i].key).join(', ') }) : t('experiment.srm', { chi: fmt.decimal(r.srm.chiSquare), p: f.p(r.srm.pValue) })}
        </p>
      ) : (
        <p className="muted small">{t('experiment.srmOk', { p: f.p(r.srm.pValue) })}</p>
      )}
      <PowerLine nodeId={x.nodeId} r={r} f={f} />
      <ExperimentTable
        nodeId={x.nodeId}
        result={r}
        f={f}
        winner={winner}
        action={(v) =>
          v.key === offer ? (
            <button type="button" className="btn small primary" data-testid={`declare-${x.nodeId}-${v.key}`} disabled={declare.isPending} onClick={() => onDeclare(v.key)}>
              {t('experiment.declare')}
            </button>
          ) : null
        }
      />
      <p className="muted small" data-testid={`reentries-${x.nodeId}`}>
        {reentries > 0 && <>{t('experiment.reentries', { reentries: f.count(reentries), members: f.count(reentrants) })} </>}
        {x.heldOut > 0 && t('experiment.heldOutExcluded', { n: f.count(x.heldOut) })}
      </p>
      {x.overflow && (
        <p className={styles.warn} data-testid={`overflow-${x.nodeId}`}>
          {t('experiment.overflowExcluded', { since: fmt.date(x.overflow.since), moved: f.count(x.overflow.moved), later: f.count(x.overflow.later) })}
        </p>
      )}
      <p className="muted small">{t('experiment.classicNote')}</p>
      {r.revenue && <RevenueTable nodeId={x.nodeId} revenue={r.revenue} event={goalEvent} f={f} />}
      {message && (
        <p className={message.ok ? styles.saved : 'error small'} data-testid={`declare-result-${x.nodeId}`}>
          {message.text}
        </p>
      )}
    </div>
  );
}

/** Why no winner is offered, in plain words; a harm warning whenever a treatment is significantly worse. */
function DecisionNote({ nodeId, r }: { nodeId: string; r: Experiment['result'] }) {
  const { t } = useTranslation();
  const d = r.decision;
  const why = { keep_running: 'experiment.notYet', harm: 'experiment.notYet', srm: 'experiment.srmBlock', no_data: 'experiment.noData' } as Record<string, string>;
  return (
    <>
      {d.harmed.length > 0 && (
        <p className={own.harm} data-testid={`harm-${nodeId}`}>
          ⚠ {t('experiment.harm', { arms: d.harmed.join(', ') })}
        </p>
      )}
      {why[d.state] && (
        <p className={styles.warn} data-testid={`not-yet-${nodeId}`}>
          {t(why[d.state])}
        </p>
      )}
    </>
  );
}
