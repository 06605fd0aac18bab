import { RuntimeStatus } from '@/components/runtime-status';

export default function RuntimePage() {
  return <RuntimeStatus />;
}
