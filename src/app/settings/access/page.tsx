import { AccessSettings } from '@/components/settings/access-settings';

export default function AccessPage() {
  return <AccessSettings />;
}
