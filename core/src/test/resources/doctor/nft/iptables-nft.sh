# The iptables-nft commands whose ruleset iptables-nft.json holds (run by capture.sh in a scratch namespace).
iptables -A INPUT -i lo -j ACCEPT
iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
iptables -A INPUT -p tcp --dport 22 -j ACCEPT
iptables -A INPUT -p tcp -s 10.0.0.0/8 --dport 5432 -j ACCEPT
iptables -A INPUT -p tcp --dport 8080 -j REJECT --reject-with tcp-reset
iptables -N LOGDROP
iptables -A LOGDROP -j LOG --log-prefix "dropped: "
iptables -A LOGDROP -j DROP
iptables -A INPUT -p udp --dport 514 -j LOGDROP
iptables -P INPUT DROP
ip6tables -A INPUT -p tcp --dport 8080 -j DROP
