import { GroupsPage } from '@/components/groups/groups-page';

export default function Groups() {
  return <GroupsPage />;
}
