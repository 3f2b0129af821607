// The page WebServer serves at the end of hands-on 1 (seed 000): the "CPS Research Center" portal.
// Hands-on 2 changes 私たちのビジョン to 私たちのビジョン2 on the clone, so the phrase must stay verbatim.

export const WEB_ROOT = '/var/www/html';

export const CPS_RESEARCH_CENTER_PAGE = `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="UTF-8">
<title>CPS Research Center</title>
</head>
<body>
<nav>
<ul>
<li><a href="#header">TOP</a></li>
<li><a href="#sec01">VISION</a></li>
<li><a href="#sec02">MESSAGE</a></li>
<li><a href="#sec03">SERVICE</a></li>
<li><a href="#sec05">PROFILE</a></li>
</ul>
</nav>
<header id="header">
<div id="slogan">
<h1>CPS Research Center</h1>
<h2>テクノロジーと自然との調和を目指す</h2>
</div>
</header>
<!-- VISION -->
<section id="sec01">
<header>
<h2>私たちのビジョン</h2>
</header>
<div class="vision">
私たちが暮らす美しい地球は限りある資源です。テクノロジーの進歩は我々の生活を豊かにする一方で、
自然との調和を欠いてはなりません。
</div>
</section>
<!-- // VISION -->
<!-- MESSAGE -->
<section id="sec02">
<h2>私たちのメッセージ</h2>
<p>CPS (Cyber Physical System) は、物理世界のモノや情報を、ネットワークを通してサイバー世界とつなぎ、
新しい価値を生み出します。</p>
</section>
<!-- // MESSAGE -->
</body>
</html>
`;
