import { ChannelSettings } from '@/components/settings/channel-settings';

export default function ChannelsPage() {
  return <ChannelSettings />;
}
