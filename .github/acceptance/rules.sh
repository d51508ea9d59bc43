#!/usr/bin/env bash
# The acceptance workflow's check of the deployed rules (.github/workflows/acceptance.yml), through the
# cloud's own CLI, never through Pulumi's state. Run from the cloud's program folder, whose stack is up.
#
#   rules.sh before CLOUD   lists the rules into $RUNNER_TEMP/rules-before.tsv; SSH must be open (the
#                           stack's sshOpen, and at least one SSH rule in the cloud) beside other rules.
#   rules.sh after CLOUD    waits until the stack's sshClosedByCloudAt has passed, then lists the rules
#                           every 30 seconds until no SSH rule is left, for at most 10 minutes more.
#                           Then every other rule listed before must still be there, unchanged, and no
#                           rule may have appeared (an SSH rule the cloud disabled rather than deleted
#                           may remain, disabled).
#
# CLOUD is aws (the stack's two security groups, aws ec2 describe-security-group-rules), azure (its
# network security group, az network nsg show) or gcp (the firewall rules of the run's network
# $GCP_NETWORK in $GCP_PROJECT, gcloud compute firewall-rules list). A rule is listed as
# "<id> TAB ssh|other TAB <summary>", where ssh means an enabled inbound allow of TCP port 22.
set -euo pipefail

usage() { echo "usage: rules.sh before|after aws|azure|gcp" >&2; exit 2; }
[ $# -eq 2 ] || usage
step=$1 cloud=$2
before="$RUNNER_TEMP/rules-before.tsv"
after="$RUNNER_TEMP/rules-after.tsv"

output() { pulumi stack output --json | jq -r --arg k "$1" '.[$k] // empty'; }

list_aws() {
  local appliance agent
  appliance=$(output applianceSecurityGroupId) agent=$(output agentSecurityGroupId)
  [ -n "$appliance" ] && [ -n "$agent" ] || { echo "the stack has no security group ids" >&2; return 1; }
  aws ec2 describe-security-group-rules --filters "Name=group-id,Values=$appliance,$agent" --output json |
    jq -r '.SecurityGroupRules[]
      | [.SecurityGroupRuleId,
         (if (.IsEgress | not) and .IpProtocol == "tcp" and .FromPort <= 22 and .ToPort >= 22 then "ssh" else "other" end),
         ([.GroupId, (if .IsEgress then "egress" else "ingress" end), .IpProtocol,
           "\(.FromPort)-\(.ToPort)", (.CidrIpv4 // .CidrIpv6 // .PrefixListId // .ReferencedGroupInfo.GroupId // "-")]
          | join(" "))]
      | @tsv'
}

list_azure() {
  local nsg
  nsg=$(output networkSecurityGroupId)
  [ -n "$nsg" ] || { echo "the stack has no network security group id" >&2; return 1; }
  az network nsg show --ids "$nsg" --query securityRules --output json |
    jq -r '.[]
      | (([.destinationPortRange] + (.destinationPortRanges // [])) | map(select(. != null))) as $ports
      | [.name,
         (if .direction == "Inbound" and .access == "Allow" and (.protocol == "Tcp" or .protocol == "*")
             and ($ports | any(. == "22")) then "ssh" else "other" end),
         ([.direction, .access, .protocol, ($ports | join(",")), "priority \(.priority)",
           ((([.sourceAddressPrefix] + (.sourceAddressPrefixes // [])) | map(select(. != null and . != "")) | join(",")))]
          | join(" "))]
      | @tsv'
}

list_gcp() {
  gcloud compute firewall-rules list --project "$GCP_PROJECT" --filter="network~/networks/${GCP_NETWORK}\$" --format=json |
    jq -r '.[]
      | [.name,
         (if .direction == "INGRESS" and (.disabled | not)
             and ((.allowed // []) | any((.IPProtocol == "tcp" or .IPProtocol == "all") and ((.ports // []) | any(. == "22"))))
          then "ssh" else "other" end),
         ([.direction, "priority \(.priority)", (if .disabled then "disabled" else "enabled" end),
           ((.allowed // []) | map("allow " + .IPProtocol + ":" + ((.ports // ["*"]) | join(","))) | join(" ")),
           ((.denied // []) | map("deny " + .IPProtocol + ":" + ((.ports // ["*"]) | join(","))) | join(" ")),
           ((.sourceRanges // .destinationRanges // []) | join(","))]
          | join(" "))]
      | @tsv'
}

list() {
  case "$cloud" in
    aws) list_aws ;;
    azure) list_azure ;;
    gcp) list_gcp ;;
    *) usage ;;
  esac | sort
}

count() { awk -F'\t' -v kind="$2" '$2 == kind' "$1" | wc -l; }

case "$step" in
  before)
    [ "$(output sshOpen)" = "true" ] || { echo "the stack's sshOpen is not true" >&2; exit 1; }
    list > "$before"
    echo "Rules after the deployment ($(count "$before" ssh) SSH, $(count "$before" other) other):"
    cat "$before"
    [ "$(count "$before" ssh)" -gt 0 ] || { echo "no SSH rule in the cloud, though SSH is open" >&2; exit 1; }
    [ "$(count "$before" other)" -gt 0 ] || { echo "no rule but SSH in the cloud" >&2; exit 1; }
    ;;
  after)
    [ -s "$before" ] || { echo "no $before: run 'rules.sh before $cloud' first" >&2; exit 1; }
    closed_at=$(output sshClosedByCloudAt)
    [ -n "$closed_at" ] || { echo "the stack has no sshClosedByCloudAt: the in-cloud expiry is off" >&2; exit 1; }
    closes=$(date -u -d "$closed_at" +%s)
    deadline=$((closes + 600))
    wait_s=$((closes + 30 - $(date -u +%s)))
    if [ "$wait_s" -gt 0 ]; then
      echo "Waiting ${wait_s}s, until 30s after $closed_at, when the cloud closes SSH by itself."
      sleep "$wait_s"
    fi
    while :; do
      list > "$after"
      [ "$(count "$after" ssh)" -gt 0 ] || break
      if [ "$(date -u +%s)" -ge "$deadline" ]; then
        echo "SSH still open 10 minutes after $closed_at: the cloud did not close it." >&2
        cat "$after" >&2
        exit 1
      fi
      echo "$(date -u +%H:%M:%S) SSH still open ($(count "$after" ssh) rules); checking again in 30s."
      sleep 30
    done
    echo "SSH closed by the cloud; rules now:"
    cat "$after"
    # Every other rule is still there, unchanged; nothing appeared, apart from an SSH rule the cloud
    # disabled instead of deleting it.
    awk -F'\t' '
      NR == FNR { kind[$1] = $2; row[$1] = $0; summary[$1] = $3; next }
      {
        seen[$1] = 1
        if (!($1 in kind)) { print "rule " $1 " appeared since the deployment: " $3; bad = 1 }
        else if (row[$1] != $0) {
          if (kind[$1] == "ssh") print "SSH rule " $1 " remains, disabled: " $3
          else { print "rule " $1 " changed: " summary[$1] " -> " $3; bad = 1 }
        }
      }
      END {
        for (id in kind) if (kind[id] == "other" && !(id in seen)) { print "rule " id " is gone: " summary[id]; bad = 1 }
        exit bad
      }' "$before" "$after" >&2
    echo "Every rule but SSH remains: $(count "$after" other) rules."
    ;;
  *) usage ;;
esac
