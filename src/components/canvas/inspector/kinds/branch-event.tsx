'use client';

import { Activity } from 'lucide-react';
import branchEvent from '@/journey/nodes/branch-event';
import { BranchForm, type BranchFormSpec } from '../branch-forms';
import { defineKindUi, type KindForm } from './define';

/** 事件判断: rules on the member's events only. */
const spec: BranchFormSpec = { rules: ['event'], starter: { event: 'order_paid', within: 'P30D' } };
const BranchEventForm: KindForm<typeof branchEvent> = (props) => <BranchForm spec={spec} {...props} />;

export default defineKindUi(branchEvent, { icon: Activity, form: BranchEventForm });
