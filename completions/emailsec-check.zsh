#compdef emailsec-check

_emailsec_check_completion() {
  eval $(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" _EMAILSEC_CHECK_COMPLETE=complete_zsh emailsec-check)
}

compdef _emailsec_check_completion emailsec-check
