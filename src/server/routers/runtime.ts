import { publicProcedure, router } from '../trpc';

export const runtimeRouter = router({
  stats: publicProcedure.query(({ ctx }) => ctx.runtime.stats()),
});
