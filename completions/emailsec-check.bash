_emailsec_check_completion() {
    local IFS=$'
'
    COMPREPLY=( $( env COMP_WORDS="${COMP_WORDS[*]}" \
                   COMP_CWORD=$COMP_CWORD \
                   _EMAILSEC_CHECK_COMPLETE=complete_bash $1 ) )
    return 0
}

complete -o default -F _emailsec_check_completion emailsec-check
