import { runCouponPlan } from './coupon-crash-plan';

// Child process for the coupon crash test: it is SIGKILLed at random moments and started again.
runCouponPlan(process.argv[2]);
process.stdout.write('done\n');
