import { runCrashPlan } from './crash-plan';

// Child process for the crash test: it is SIGKILLed at random moments and started again.
process.stdout.write('ready\n');
runCrashPlan(process.argv[2]);
process.stdout.write('done\n');
