// Package remedies whose Debian name is checked before it is printed: the rule proposes, the engine asks
// the image, and `settleAptCheck` picks the remedy the answer allows.
import type { AptCheck, Diagnosis, RemedyPackages } from '../model.js';

/** What a rule offers: the Debian package, the pip (or npm) one, and its remedy with and without apt. */
export interface AptProposal {
  readonly apt: string;
  readonly pip?: string;
  readonly npm?: string;
  readonly withApt: string;
  /** The remedy without the Debian package, claiming nothing about it: the check's answer is added. */
  readonly withoutApt: string;
}

/** The remedy and packages of a diagnosis that proposes `proposal.apt`, unchecked until the engine asks. */
export function proposeApt(proposal: AptProposal): Pick<Diagnosis, 'remedy' | 'packages'> {
  const packages: RemedyPackages = {
    apt: proposal.apt,
    aptCheck: 'unchecked',
    ...(proposal.pip !== undefined ? { pip: proposal.pip } : {}),
    ...(proposal.npm !== undefined ? { npm: proposal.npm } : {}),
    remedyWithoutApt: proposal.withoutApt,
  };
  return { remedy: proposal.withApt, packages };
}

/** The Debian package a diagnosis still has to have checked, if any. */
export function uncheckedApt(diagnosis: Diagnosis | undefined): string | undefined {
  return diagnosis?.packages?.aptCheck === 'unchecked' ? diagnosis.packages.apt : undefined;
}

/** The diagnosis once the image has said whether its suite has the proposed Debian package. */
export function settleAptCheck(diagnosis: Diagnosis, check: Exclude<AptCheck, 'unchecked'>): Diagnosis {
  const packages = diagnosis.packages;
  if (!packages?.apt || packages.aptCheck !== 'unchecked') return diagnosis;
  const { remedyWithoutApt, ...rest } = packages;
  const without = remedyWithoutApt ?? diagnosis.remedy;
  const remedy =
    check === 'exists'
      ? diagnosis.remedy
      : check === 'missing'
        ? `${without} This runtime's Debian release has no package \`${packages.apt}\`.`
        : `${without} Debian may package it as \`${packages.apt}\`, but the image could not tell (it has no package lists).`;
  return { ...diagnosis, remedy, packages: { ...rest, aptCheck: check } };
}
