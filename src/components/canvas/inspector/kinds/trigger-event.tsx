'use client';

import { Zap } from 'lucide-react';
import triggerEvent from '@/journey/nodes/trigger-event';
import { EventField } from '../event-field';
import { defineKindUi, type KindForm } from './define';

/** 实时营销: the event that starts the journey, and which of those events count. */
const EventTriggerForm: KindForm<typeof triggerEvent> = (props) => <EventField {...props} />;

export default defineKindUi(triggerEvent, { icon: Zap, form: EventTriggerForm });
